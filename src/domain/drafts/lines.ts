/**
 * What a line of a letter looks like: a title ("服务承诺书"), a letter marker
 * ("篇二:", "第五篇:"), the start of a list item ("1.", "(2)", "一、", "?"),
 * or a "label:" line ("描述:", "Urgent:"). Shared by line rejoining and by
 * splitting a file into letters.
 */

/** Where one of several letters pasted into one page starts: "篇一:", "第二篇:". */
export const LETTER_MARKER = /(?:篇[一二三四五六七八九十]+|第[一二三四五六七八九十]+篇)[::]/g;

const TITLE_END = /(?:承诺书|承诺函|保证承诺|服务承诺|承诺|协议书|协议|commitment|agreement|undertaking|letter)(?:\s*\([^)]*\))*$/i;
const SECTION_HEADING = /^(?:第[一二三四五六七八九十\d]+[章节条]|\d+[.、·)]|\(\d+\)|[一二三四五六七八九十]+、)/;

/** A letter title on a line of its own: short, no sentence punctuation, ends like 承诺书 / 承诺函 / 协议 / "Commitment". */
export function isTitleLine(line: string): boolean {
  const s = line.trim();
  if (s.length < 3 || s.length > 60) return false;
  if (/[。,;!?:]|[.,;:]\s/.test(s)) return false;
  if (SECTION_HEADING.test(s)) return false;
  return TITLE_END.test(s) || /承诺书|承诺函/.test(s);
}

/** A line that starts a list item or a heading, so it never continues the line before. */
export function startsListItem(line: string): boolean {
  return /^\s*(?:[-?•·*▪●○◆■□]\s|\d+(?:[.、)]|·\d+)|\(\d+\)|[一二三四五六七八九十]+、|第[一二三四五六七八九十\d]+[章条篇节]|篇[一二三四五六七八九十]+[::]|[a-zA-Z][.)]\s)/.test(
    line,
  );
}

/** "描述:", "支持方式:", "Urgent:": a short label and a colon. */
export function isLabelLine(line: string): boolean {
  return /^\s*[^\s,。;:,.]{1,12}[::]/.test(line) || /^\s*[A-Z][\w ()-]{0,30}:/.test(line);
}

/** A line that ends a sentence (or a label), so the next line starts a new one. */
export function endsSentence(line: string): boolean {
  return /[。!?;:….]\s*$/.test(line);
}
