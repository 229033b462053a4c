/**
 * A text derived from what the user pasted, with every UTF-16 code unit traced
 * back to the range of the ORIGINAL text it came from. Every normalisation step
 * produces a new TracedText by edits, so a finding found in the normalised text
 * can always name the characters the user actually wrote.
 *
 * Edits never reorder text, so the trace is monotonic: a derived range maps to
 * [origin of its first unit, end of its last unit).
 */

/** A half-open range [start, end) of character (UTF-16 code unit) offsets. */
export interface Span {
  start: number;
  end: number;
}

/** Replace text[start, end) by `text` (empty `text` deletes; start === end inserts). */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

export class TracedText {
  private constructor(
    readonly text: string,
    /** Original start of each derived unit. */
    private readonly from: Int32Array,
    /** Original end of each derived unit. */
    private readonly to: Int32Array,
    /** Length of the original text (where an empty range at the very end maps). */
    readonly originalLength: number,
  ) {}

  /** The identity trace of an original text. */
  static of(original: string): TracedText {
    const n = original.length;
    const from = new Int32Array(n);
    const to = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      from[i] = i;
      to[i] = i + 1;
    }
    return new TracedText(original, from, to, n);
  }

  get length(): number {
    return this.text.length;
  }

  /** The original range a derived range came from. An empty range maps to an empty range before the next unit. */
  toOriginal(span: Span): Span {
    const { start, end } = span;
    if (start < 0 || end > this.text.length || start > end) throw new RangeError(`span ${start}..${end} outside 0..${this.text.length}`);
    if (start === end) {
      const at = start < this.text.length ? this.from[start] : start > 0 ? this.to[start - 1] : 0;
      return { start: at, end: at };
    }
    return { start: this.from[start], end: this.to[end - 1] };
  }

  /**
   * Applies non-overlapping edits (in any order) and returns the new traced
   * text. Replacement text of the same length as the range keeps a per-unit
   * trace; otherwise every new unit traces to the whole replaced range, and an
   * insertion traces to the empty range where it was inserted.
   */
  apply(edits: readonly Edit[]): TracedText {
    const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
    const parts: string[] = [];
    const from: number[] = [];
    const to: number[] = [];
    let pos = 0;
    const copy = (s: number, e: number): void => {
      parts.push(this.text.slice(s, e));
      for (let i = s; i < e; i++) {
        from.push(this.from[i]);
        to.push(this.to[i]);
      }
    };
    for (const edit of sorted) {
      if (edit.start < pos || edit.end < edit.start || edit.end > this.text.length) {
        throw new RangeError(`overlapping or invalid edit ${edit.start}..${edit.end}`);
      }
      copy(pos, edit.start);
      parts.push(edit.text);
      const removed = edit.end - edit.start;
      if (removed === edit.text.length) {
        for (let i = edit.start; i < edit.end; i++) {
          from.push(this.from[i]);
          to.push(this.to[i]);
        }
      } else {
        const span = this.toOriginal({ start: edit.start, end: edit.end });
        for (let i = 0; i < edit.text.length; i++) {
          from.push(span.start);
          to.push(span.end);
        }
      }
      pos = edit.end;
    }
    copy(pos, this.text.length);
    return new TracedText(parts.join(''), Int32Array.from(from), Int32Array.from(to), this.originalLength);
  }
}
