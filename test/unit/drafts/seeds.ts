/**
 * The customers' letters (test/fixtures/letters). The drafts tests read them byte for byte,
 * because provenance offsets point into exactly what was pasted.
 */
import { DraftsResult, LetterDraft, draftFromText } from '../../../src/domain/drafts';
import { readLetter } from '../../fixtures/letters';

export const SEED_FILES = {
  '000': '000_33c8bb4153464f28.txt',
  '001': '001_357944fd8e51b89d.txt',
  '002': '002_890183bf4be49806.txt',
  '003': '003_66dcbbb9df272e7e.txt',
  '004': '004_4d48142640b9c3b1.txt',
} as const;
export type SeedKey = keyof typeof SEED_FILES;

export function seedText(key: SeedKey): string {
  return readLetter(SEED_FILES[key]);
}

const cache = new Map<SeedKey, DraftsResult>();

/** The drafts of one seed file (computed once per test file). */
export function seedDrafts(key: SeedKey): DraftsResult {
  let result = cache.get(key);
  if (!result) {
    result = draftFromText(seedText(key));
    cache.set(key, result);
  }
  return result;
}

/** Which letter of which seed file each shipped template translates. */
export const TEMPLATE_LETTERS: readonly { id: string; seed: SeedKey; letter: number }[] = [
  { id: 'xinbei-service-commitment', seed: '000', letter: 0 },
  { id: 'jinwei-shoujia-dagang-hospital', seed: '000', letter: 1 },
  { id: 'maintenance-service-commitment', seed: '000', letter: 2 },
  { id: 'fault-repair-response', seed: '001', letter: 2 },
  { id: 'hengzhong-lihe-jinning-broadcast', seed: '001', letter: 8 },
  { id: 'software-project-60-month-maintenance', seed: '002', letter: 0 },
  { id: 'caac-southwest-network-servers', seed: '002', letter: 2 },
  { id: 'ningxia-expressway-monitoring', seed: '002', letter: 4 },
  { id: 'eyou-shanghai-dianji-university', seed: '003', letter: 0 },
  { id: 'seeyon-maintenance-agreement', seed: '004', letter: 0 },
];

export function templateLetter(id: string): LetterDraft {
  const entry = TEMPLATE_LETTERS.find((t) => t.id === id);
  if (!entry) throw new Error(`no letter for template ${id}`);
  return seedDrafts(entry.seed).letters[entry.letter];
}
