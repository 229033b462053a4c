/**
 * One pasted file can hold several letters (a page of "篇一/篇二/篇三", or a
 * site that glued ten sample letters together). This splits the normalised
 * text into letters, and each letter into sentences, all as spans of the
 * normalised text (TracedText maps them back to the original).
 *
 * A letter starts at a letter marker ("篇二:", "第五篇:"), at a title line
 * ("服务承诺书", "Service Level Commitment") that does not follow another
 * title, at an opening line ("为了保证…项目", "为做好…") and after a closing
 * line ("投标方案未尽事宜…"). A segment with hardly any text besides its
 * titles (a page heading, a "related documents" list) is not a letter.
 */
import { LETTER_MARKER, isTitleLine } from './lines';
import { Span } from './traced-text';

export interface Sentence extends Span {
  /** The normalised sentence text. */
  text: string;
}

export interface Letter extends Span {
  /** The letter's title as written (first title line, or the text after its marker). */
  title: string;
  sentences: Sentence[];
}

export interface SplitResult {
  letters: Letter[];
  /** Segments that held only titles or page furniture, dropped as not being letters. */
  dropped: (Span & { text: string })[];
}

const OPENING_LINE = /^\s*(?:为了保证|为做好|为保证|为了确保)[^。\n]{0,60}项目/;
const CLOSING_LINE = /^\s*投标方案未尽事宜/;
/** Less text than this besides the titles: not a letter. */
const MIN_BODY = 40;

interface LineInfo {
  start: number;
  end: number;
  text: string;
}

export function splitLetters(text: string): SplitResult {
  const lines = lineInfos(text);
  const boundaries = new Set<number>([0]);
  let previous: LineInfo | undefined;
  let afterClosing = false;
  for (const line of lines) {
    if (!line.text.trim()) continue;
    const headerBefore = previous !== undefined && (isTitleLine(previous.text) || markerIn(previous.text));
    if (afterClosing) boundaries.add(line.start);
    else if ((isTitleLine(line.text) || OPENING_LINE.test(line.text)) && !headerBefore) boundaries.add(line.start);
    for (const m of line.text.matchAll(LETTER_MARKER)) boundaries.add(line.start + m.index);
    afterClosing = CLOSING_LINE.test(line.text);
    previous = line;
  }
  const starts = [...boundaries].sort((a, b) => a - b);
  const letters: Letter[] = [];
  const dropped: SplitResult['dropped'] = [];
  for (let i = 0; i < starts.length; i++) {
    const span = trimSpan(text, starts[i], i + 1 < starts.length ? starts[i + 1] : text.length);
    if (span.end <= span.start) continue;
    const segment = text.slice(span.start, span.end);
    if (bodyLength(segment) < MIN_BODY) {
      dropped.push({ ...span, text: segment });
      continue;
    }
    letters.push({ ...span, title: titleOf(segment), sentences: splitSentences(text, span) });
  }
  // A short letter on its own is still a letter: never drop everything.
  if (letters.length === 0 && dropped.length > 0) {
    const longest = dropped.reduce((a, b) => (b.end - b.start > a.end - a.start ? b : a));
    dropped.splice(dropped.indexOf(longest), 1);
    letters.push({ start: longest.start, end: longest.end, title: titleOf(longest.text), sentences: splitSentences(text, longest) });
  }
  return { letters, dropped };
}

/** Sentences of text[span]: split at 。!?; and line ends, at ". " before a capital, and before inline list numbers. */
export function splitSentences(text: string, span: Span): Sentence[] {
  const cuts = new Set<number>();
  const segment = text.slice(span.start, span.end);
  const add = (at: number): void => {
    cuts.add(span.start + at);
  };
  for (const m of segment.matchAll(/[。!?;\n]/g)) add(m.index + 1);
  for (const m of segment.matchAll(/[.!?](?=\s+["'(]?[A-Z0-9]|\s*$)/g)) {
    const before = segment.slice(Math.max(0, m.index - 5), m.index + 1);
    if (!/\b(?:e\.g|i\.e|a\.m|p\.m|No|Mr|Ms|Dr|etc|vs|approx)\.$/i.test(before) && !/\b[a-z]\.$/i.test(before)) add(m.index + 1);
  }
  for (const m of segment.matchAll(/\s(?=(?:\d{1,2}[、)]|\(\d{1,2}\))\S)/g)) add(m.index + 1);
  for (const m of segment.matchAll(/(?<=[\u4e00-\u9fff])(?=\d{1,2}\.\s)/g)) add(m.index);
  const points = [span.start, ...[...cuts].filter((c) => c > span.start && c < span.end).sort((a, b) => a - b), span.end];
  const sentences: Sentence[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const s = trimSpan(text, points[i], points[i + 1]);
    if (s.end > s.start) sentences.push({ ...s, text: text.slice(s.start, s.end) });
  }
  return sentences;
}

function markerIn(line: string): boolean {
  return new RegExp(LETTER_MARKER.source).test(line);
}

function bodyLength(segment: string): number {
  return segment
    .split('\n')
    .filter((l) => !isTitleLine(l))
    .join('')
    .replace(new RegExp(LETTER_MARKER.source, 'g'), '')
    .replace(/[\s\p{P}\p{S}]/gu, '').length;
}

function titleOf(segment: string): string {
  const lines = segment.split('\n').map((l) => l.trim());
  const marker = new RegExp(`${LETTER_MARKER.source}\\s*(.{0,40}?(?:承诺书|承诺函|协议书|协议|承诺))`).exec(segment);
  const titleLine = lines.find((l) => isTitleLine(l));
  if (titleLine) return titleLine;
  if (marker) return marker[1];
  return (lines.find((l) => l) ?? '').slice(0, 40);
}

function lineInfos(text: string): LineInfo[] {
  const out: LineInfo[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    out.push({ start, end, text: text.slice(start, end) });
    if (nl === -1) return out;
    start = nl + 1;
  }
}

function trimSpan(text: string, start: number, end: number): Span {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s])) s++;
  while (e > s && /\s/.test(text[e - 1])) e--;
  return { start: s, end: e };
}
