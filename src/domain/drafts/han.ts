/**
 * Chinese script helpers: Traditional → Simplified conversion (OpenCC's
 * dictionaries via opencc-js, phrase-aware, offline) and recognising the pinyin
 * a bad conversion leaves behind ("服務(wù)").
 */

/** opencc-js ships ESM types for a package that also has a CommonJS build; this is the part used here. */
interface OpenCCModule {
  Converter(options: { from: string; to: string }): (text: string) => string;
}

let toSimplified: ((text: string) => string) | undefined;

/** Converts Traditional Chinese (OpenCC "t") to Simplified (mainland "cn"); other characters pass through. */
export function traditionalToSimplified(text: string): string {
  if (!toSimplified) {
    // The CommonJS build of the t2cn-only bundle (about 100 kB of dictionaries), loaded on first use.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const opencc = require('opencc-js/t2cn') as OpenCCModule;
    toSimplified = opencc.Converter({ from: 't', to: 'cn' });
  }
  return toSimplified(text);
}

/** A run of Han characters (CJK unified ideographs, extension A, compatibility ideographs). */
export const HAN_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;

export function isHan(char: string): boolean {
  return /^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]$/.test(char);
}

const TONE_MARKS = 'āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ';
const TONELESS: Record<string, string> = {};
for (const [marked, plain] of [
  ['āáǎà', 'a'],
  ['ēéěè', 'e'],
  ['īíǐì', 'i'],
  ['ōóǒò', 'o'],
  ['ūúǔù', 'u'],
  ['ǖǘǚǜ', 'ü'],
  ['ńňǹ', 'n'],
  ['ḿ', 'm'],
] as const) {
  for (const c of marked) TONELESS[c] = plain;
}

const PINYIN_SYLLABLE =
  /^(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|üan|ai|an|ao|ei|en|er|ia|ie|in|iu|ou|ua|ue|üe|ui|un|ün|uo|a|e|i|o|u|ü|v|ng|n|m)$/;

/** Tone-marked pinyin syllables in parentheses, the residue a bad conversion leaves after each character. */
export const PINYIN_IN_PARENS = new RegExp(`\\(([a-zü${TONE_MARKS}]{1,6})\\)`, 'g');

/** True for one pinyin syllable carrying a tone mark ("wù", "yīng"); "章", "a" or "de" are not residue. */
export function isTonedPinyinSyllable(s: string): boolean {
  if (![...s].some((c) => TONE_MARKS.includes(c))) return false;
  const plain = [...s].map((c) => TONELESS[c] ?? c).join('');
  return PINYIN_SYLLABLE.test(plain);
}
