/**
 * Each seed letter's draft beside its shipped template (the hand translation),
 * field by field. The known differences are listed in known-differences.ts and
 * asserted exactly, so a change on either side fails here instead of drifting
 * silently. Where a value differs, the draft must either flag it for review
 * (it proposed the value) or be one of the listed readings.
 */
import { compareWithTemplate } from '../../../src/domain/drafts';
import { findTemplate } from '../../../src/domain/templates';
import { KNOWN_DIFFERENCES } from './known-differences';
import { TEMPLATE_LETTERS, templateLetter } from './seeds';

describe.each(TEMPLATE_LETTERS.map((t) => [t.id] as const))('draft of %s vs the shipped template', (id) => {
  const template = findTemplate(id)!;
  const letter = templateLetter(id);
  const comparison = compareWithTemplate(letter.draft, template);
  const differences = comparison
    .filter((c) => c.status !== 'equal' && c.status !== 'equal-flagged')
    .map((c) => `${c.status} ${c.path}: ${c.draft} | ${c.template}`);

  it('differs from the template exactly where known (update known-differences.ts deliberately)', () => {
    expect(differences).toEqual(KNOWN_DIFFERENCES[id]);
  });

  it('never differs silently: every differing value the draft holds is proposed and flagged, or a listed reading', () => {
    for (const c of comparison.filter((x) => x.status === 'differs-flagged' || x.status === 'equal-flagged')) {
      expect(letter.draft.fields[c.path]?.status).toBe('proposed');
      expect(letter.draft.gaps.some((g) => g.path === c.path && g.review)).toBe(true);
    }
  });

  it('holds the values the letter states: every stated field names the findings it came from', () => {
    for (const [path, field] of Object.entries(letter.draft.fields)) {
      if (field.status === 'stated') expect({ path, findings: field.findings.length > 0 }).toEqual({ path, findings: true });
    }
  });
});

describe('the comparison itself', () => {
  it('counts per letter: findings, compared fields, equal, flagged and differing', () => {
    const table = TEMPLATE_LETTERS.map(({ id }) => {
      const letter = templateLetter(id);
      const c = compareWithTemplate(letter.draft, findTemplate(id)!);
      const n = (s: string) => c.filter((x) => x.status === s).length;
      return `${id}: findings ${letter.findings.length}, fields ${c.length}, equal ${n('equal')}, equal-flagged ${n('equal-flagged')}, differs-flagged ${n('differs-flagged')}, differs ${n('differs')}, one-sided ${n('draft-only') + n('template-only')}`;
    });
    expect(table).toEqual([
      'xinbei-service-commitment: findings 27, fields 43, equal 11, equal-flagged 21, differs-flagged 10, differs 1, one-sided 0',
      'jinwei-shoujia-dagang-hospital: findings 17, fields 49, equal 2, equal-flagged 13, differs-flagged 23, differs 0, one-sided 11',
      'maintenance-service-commitment: findings 12, fields 27, equal 7, equal-flagged 13, differs-flagged 7, differs 0, one-sided 0',
      'fault-repair-response: findings 11, fields 27, equal 5, equal-flagged 13, differs-flagged 9, differs 0, one-sided 0',
      'hengzhong-lihe-jinning-broadcast: findings 15, fields 16, equal 6, equal-flagged 8, differs-flagged 2, differs 0, one-sided 0',
      'software-project-60-month-maintenance: findings 11, fields 38, equal 7, equal-flagged 9, differs-flagged 11, differs 0, one-sided 11',
      'caac-southwest-network-servers: findings 23, fields 38, equal 8, equal-flagged 16, differs-flagged 13, differs 1, one-sided 0',
      'ningxia-expressway-monitoring: findings 17, fields 16, equal 4, equal-flagged 10, differs-flagged 1, differs 1, one-sided 0',
      'eyou-shanghai-dianji-university: findings 26, fields 43, equal 11, equal-flagged 21, differs-flagged 10, differs 1, one-sided 0',
      'seeyon-maintenance-agreement: findings 27, fields 27, equal 5, equal-flagged 8, differs-flagged 12, differs 2, one-sided 0',
    ]);
  });
});
