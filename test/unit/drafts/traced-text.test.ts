import fc from 'fast-check';
import { Edit, TracedText } from '../../../src/domain/drafts/traced-text';

describe('TracedText', () => {
  it('maps a replaced range back to the original, unit by unit when lengths match', () => {
    const t = TracedText.of('服務(wù)承諾').apply([
      { start: 2, end: 6, text: '' },
      { start: 0, end: 2, text: '服务' },
      { start: 6, end: 8, text: '承诺' },
    ]);
    expect(t.text).toBe('服务承诺');
    expect(t.toOriginal({ start: 1, end: 2 })).toEqual({ start: 1, end: 2 }); // 务 ← 務
    expect(t.toOriginal({ start: 1, end: 3 })).toEqual({ start: 1, end: 7 }); // 务承 ← 務(wù)承
    expect(t.toOriginal({ start: 0, end: 4 })).toEqual({ start: 0, end: 8 });
  });

  it('traces a replacement of another length to the whole replaced range, and an insertion to an empty range', () => {
    const t = TracedText.of('ab\ncd').apply([
      { start: 2, end: 3, text: '' },
      { start: 5, end: 5, text: '!' },
    ]);
    expect(t.text).toBe('abcd!');
    expect(t.toOriginal({ start: 1, end: 3 })).toEqual({ start: 1, end: 4 }); // "bc" spans the removed newline
    expect(t.toOriginal({ start: 4, end: 5 })).toEqual({ start: 5, end: 5 });
    const u = TracedText.of('x 5×8 y').apply([{ start: 2, end: 5, text: '5x8h' }]);
    expect(u.toOriginal({ start: 2, end: 6 })).toEqual({ start: 2, end: 5 });
  });

  it('composes: every unit of the final text traces inside the original, in order', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), fc.array(fc.nat(), { maxLength: 6 }), (original, cuts) => {
        let t = TracedText.of(original);
        for (const c of cuts) {
          if (t.length === 0) break;
          const start = c % t.length;
          const edit: Edit = { start, end: Math.min(t.length, start + (c % 3)), text: c % 2 ? '' : 'Z' };
          t = t.apply([edit]);
        }
        let last = 0;
        for (let i = 0; i < t.length; i++) {
          const s = t.toOriginal({ start: i, end: i + 1 });
          expect(s.start).toBeGreaterThanOrEqual(last);
          expect(s.end).toBeLessThanOrEqual(original.length);
          last = s.start;
        }
      }),
    );
  });

  it('refuses overlapping edits', () => {
    expect(() =>
      TracedText.of('abcdef').apply([
        { start: 0, end: 3, text: '' },
        { start: 2, end: 4, text: '' },
      ]),
    ).toThrow(RangeError);
  });
});
