/**
 * Numbers as the letters write them: Arabic digits ("30", "0.25"), Chinese
 * numerals ("二十四", "两", "半", "十五") and English number words ("two",
 * "twenty-four", "half"). Decimal fractions stay strings (decimal.js) so a
 * rate like 0.25 % is never a float.
 */
import Decimal from 'decimal.js';

const ZH_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const ZH_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 万: 10000 };

/** Characters a Chinese numeral is written with (for building patterns). */
export const ZH_NUMERAL_CHARS = '零〇一二两三四五六七八九十百千万';

/** A number as written: Arabic digits, a Chinese numeral, or 半 (a half). Undefined when it is not one. */
export function parseNumber(text: string): number | undefined {
  const s = text.trim();
  if (/^\d+(?:\.\d+)?$/.test(s)) return Number(s);
  if (s === '半') return 0.5;
  if (s.length > 0 && [...s].every((c) => c in ZH_DIGITS || c in ZH_UNITS)) return parseChineseInteger(s);
  return parseEnglishNumber(s);
}

/** "二十四" → 24, "十五" → 15, "一百零五" → 105, "三" → 3, "两" → 2. */
export function parseChineseInteger(s: string): number | undefined {
  let total = 0;
  let section = 0;
  let digit: number | undefined;
  for (const c of s) {
    if (c in ZH_DIGITS) {
      digit = ZH_DIGITS[c];
      continue;
    }
    const unit = ZH_UNITS[c];
    if (unit === undefined) return undefined;
    if (unit === 10000) {
      total += (section + (digit ?? 0)) * unit;
      section = 0;
    } else {
      section += (digit ?? 1) * unit;
    }
    digit = undefined;
  }
  return total + section + (digit ?? 0);
}

/** A Chinese decimal such as "零点二五" (0.25) or "五": as a decimal string. */
export function parseChineseDecimal(s: string): string | undefined {
  const [intPart, fracPart] = s.split('点');
  const whole = intPart === '' ? 0 : parseNumber(intPart);
  if (whole === undefined) return undefined;
  if (fracPart === undefined) return String(whole);
  let digits = '';
  for (const c of fracPart) {
    if (/\d/.test(c)) digits += c;
    else if (c in ZH_DIGITS) digits += String(ZH_DIGITS[c]);
    else return undefined;
  }
  return digits ? `${whole}.${digits}` : String(whole);
}

const EN_SMALL: Record<string, number> = {
  zero: 0,
  one: 1,
  a: 1,
  an: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  half: 0.5,
};

/** English number words the patterns accept before a unit. */
export const EN_NUMBER_WORDS =
  '(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|half|an?)';

/** "twenty-four" → 24, "two" → 2, "half" → 0.5. */
export function parseEnglishNumber(s: string): number | undefined {
  const words = s.toLowerCase().split(/[- ]+/).filter(Boolean);
  if (words.length === 0) return undefined;
  let total = 0;
  for (const w of words) {
    const v = EN_SMALL[w];
    if (v === undefined) return undefined;
    total += v;
  }
  return total;
}

/** A percentage as a decimal fraction string: "0.25" (per cent) → "0.0025". */
export function percentToFraction(percent: string): string {
  return new Decimal(percent).div(100).toString();
}

/** Per mille as a decimal fraction string: "3" → "0.003". */
export function perMilleToFraction(perMille: string): string {
  return new Decimal(perMille).div(1000).toString();
}
