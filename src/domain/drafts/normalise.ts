/**
 * Normalisation of a pasted letter, step by step, each step traced back to the
 * original characters and reported ("converted 412 Traditional characters",
 * "removed 3 boilerplate lines"):
 *
 * 1. line endings (CRLF / CR → LF);
 * 2. full-width digits, letters and punctuation → half-width, ideographic and
 *    no-break spaces → spaces;
 * 3. pinyin residue of a bad conversion removed ("服務(wù)" → "服務");
 * 4. Traditional → Simplified Chinese (OpenCC, phrase-aware);
 * 5. web-page boilerplate: whole lines, then inline fragments;
 * 6. page-chunk markers of document-sharing sites ("…提出关\n\n3、于致远软件");
 * 7. line-wrapped sentences rejoined ("关于软件升级、维护的承\n诺");
 * 8. spaces a PDF export left inside Chinese text removed ("电 子刊物").
 */
import { BOILERPLATE_INLINE, BOILERPLATE_LINES } from './boilerplate';
import { HAN_RUN, PINYIN_IN_PARENS, isHan, isTonedPinyinSyllable, traditionalToSimplified } from './han';
import { LETTER_MARKER, endsSentence, isLabelLine, isTitleLine, startsListItem } from './lines';
import { Edit, Span, TracedText } from './traced-text';

export const NORMALISATION_STEPS = [
  'line-endings',
  'width',
  'pinyin-residue',
  'traditional',
  'boilerplate-lines',
  'boilerplate-inline',
  'page-markers',
  'line-joins',
  'han-spaces',
] as const;
export type NormalisationStepName = (typeof NORMALISATION_STEPS)[number];

export interface NormalisationStep {
  step: NormalisationStepName;
  /** How many things this step changed (characters, lines, markers, joins). */
  count: number;
  /** One line for the admin, e.g. "converted 412 Traditional characters to Simplified". */
  message: string;
  /** Where in the ORIGINAL text it changed something. */
  spans: Span[];
}

export interface NormalisedText {
  original: string;
  text: TracedText;
  /** Every step, in order, including those that changed nothing (count 0). */
  steps: NormalisationStep[];
}

interface StepResult {
  edits: Edit[];
  count: number;
  message: (count: number) => string;
}

type Step = (text: string) => StepResult;

const STEPS: Record<NormalisationStepName, Step> = {
  'line-endings': (text) => {
    const edits = regexEdits(text, /\r\n?/g, () => '\n');
    return { edits, count: edits.length, message: (n) => `converted ${n} CR/CRLF line endings to LF` };
  },

  width: (text) => {
    const edits: Edit[] = [];
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      let half: string | undefined;
      if (code >= 0xff01 && code <= 0xff5e) half = String.fromCharCode(code - 0xfee0);
      else if (code === 0x3000 || code === 0x00a0) half = ' ';
      else if (code === 0xffe5) half = '¥';
      else if (code === 0x2236) half = ':';
      if (half !== undefined) edits.push({ start: i, end: i + 1, text: half });
    }
    return { edits, count: edits.length, message: (n) => `converted ${n} full-width or no-break characters to half-width` };
  },

  'pinyin-residue': (text) => {
    const edits: Edit[] = [];
    for (const m of text.matchAll(PINYIN_IN_PARENS)) {
      const at = m.index;
      if (at > 0 && isHan(text[at - 1]) && isTonedPinyinSyllable(m[1])) edits.push({ start: at, end: at + m[0].length, text: '' });
    }
    return { edits, count: edits.length, message: (n) => `removed ${n} pinyin annotations left by a bad conversion, e.g. "服務(wù)"` };
  },

  traditional: (text) => {
    const edits: Edit[] = [];
    let changed = 0;
    for (const m of text.matchAll(HAN_RUN)) {
      const simplified = traditionalToSimplified(m[0]);
      if (simplified === m[0]) continue;
      edits.push({ start: m.index, end: m.index + m[0].length, text: simplified });
      if (simplified.length === m[0].length) {
        for (let i = 0; i < simplified.length; i++) if (simplified[i] !== m[0][i]) changed++;
      } else {
        changed += m[0].length;
      }
    }
    return { edits, count: changed, message: (n) => `converted ${n} Traditional characters to Simplified` };
  },

  'boilerplate-lines': (text) => {
    const edits: Edit[] = [];
    for (const line of linesOf(text)) {
      const s = line.text.trim();
      if (s && BOILERPLATE_LINES.some((re) => re.test(s))) edits.push({ start: line.start, end: line.nextStart, text: '' });
    }
    return { edits, count: edits.length, message: (n) => `removed ${n} web-page boilerplate lines` };
  },

  'boilerplate-inline': (text) => {
    const edits: Edit[] = [];
    for (const re of BOILERPLATE_INLINE) edits.push(...regexEdits(text, re, () => ''));
    const kept = dropOverlaps(edits);
    return { edits: kept, count: kept.length, message: (n) => `removed ${n} inline web-page fragments (ad calls, download footers)` };
  },

  'page-markers': (text) => {
    const markers = [...text.matchAll(/\n[ \t]*\n(\d{1,2})、/g)].map((m) => ({ at: m.index, n: Number(m[1]), end: m.index + m[0].length }));
    // A run of chunk markers numbered 2, 3, 4, … each cutting a sentence in two (the previous chunk ends mid-sentence).
    const edits: Edit[] = [];
    let expected = 2;
    for (const marker of markers) {
      if (marker.n !== expected) continue;
      const before = text.slice(0, marker.at).trimEnd();
      if (endsSentence(before)) continue;
      edits.push({ start: marker.at, end: marker.end, text: '' });
      expected++;
    }
    if (edits.length < 2) return { edits: [], count: 0, message: () => 'no page-chunk markers' };
    const first = [...text.slice(0, edits[0].start).matchAll(/(?:^|\n)[ \t]*1、/g)].pop();
    if (first) {
      const at = first.index + first[0].length - 2;
      edits.unshift({ start: at, end: at + 2, text: '' });
    }
    return { edits, count: edits.length, message: (n) => `removed ${n} page-chunk markers that split sentences ("关\\n\\n3、于")` };
  },

  'line-joins': (text) => {
    const edits: Edit[] = [];
    const lines = linesOf(text);
    for (let i = 0; i + 1 < lines.length; i++) {
      const line = lines[i].text;
      const next = lines[i + 1].text;
      if (!line.trim() || !next.trim()) continue;
      if (endsSentence(line) || isTitleLine(line) || isTitleLine(next)) continue;
      if (startsListItem(next) || isLabelLine(next) || new RegExp(`^\\s*${LETTER_MARKER.source}`).test(next)) continue;
      // "致:上海电机学院", "7×24小时支持热线:1332…": a "label: short value" line stands alone.
      if (
        isLabelLine(line) &&
        line
          .trim()
          .replace(/^[^::]*[::]/, '')
          .trim().length <= 12
      )
        continue;
      const a = line.trimEnd();
      const b = next.trimStart();
      const latinSeam = /[A-Za-z0-9,]$/.test(a) && /^[A-Za-z0-9(]/.test(b);
      const start = lines[i].start + a.length;
      const end = lines[i + 1].start + (next.length - b.length);
      edits.push({ start, end, text: latinSeam ? ' ' : '' });
    }
    return { edits, count: edits.length, message: (n) => `rejoined ${n} line-wrapped sentences` };
  },

  'han-spaces': (text) => {
    const edits = regexEdits(text, /(?<=[\u3400-\u9fff])[ \t]+(?=[\u3400-\u9fff])/g, () => '');
    return { edits, count: edits.length, message: (n) => `removed ${n} spaces inside Chinese text ("电 子刊物")` };
  },
};

/** Runs every step on a pasted text. Deterministic; no network. */
export function normalise(original: string): NormalisedText {
  let traced = TracedText.of(original);
  const steps: NormalisationStep[] = [];
  for (const name of NORMALISATION_STEPS) {
    const result = STEPS[name](traced.text);
    const spans = result.edits.map((e) => traced.toOriginal(e));
    traced = traced.apply(result.edits);
    steps.push({ step: name, count: result.count, message: result.message(result.count), spans });
  }
  return { original, text: traced, steps };
}

interface Line {
  text: string;
  start: number;
  /** Start of the following line (past the newline), or the text's end. */
  nextStart: number;
}

function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start <= text.length) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    lines.push({ text: text.slice(start, end), start, nextStart: nl === -1 ? end : nl + 1 });
    if (nl === -1) break;
    start = nl + 1;
  }
  return lines;
}

function regexEdits(text: string, re: RegExp, replacement: (m: RegExpMatchArray) => string): Edit[] {
  const edits: Edit[] = [];
  for (const m of text.matchAll(re)) {
    if (m[0].length > 0) edits.push({ start: m.index, end: m.index + m[0].length, text: replacement(m) });
  }
  return edits;
}

function dropOverlaps(edits: Edit[]): Edit[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const out: Edit[] = [];
  for (const e of sorted) if (out.length === 0 || e.start >= out[out.length - 1].end) out.push(e);
  return out;
}
