import fc from 'fast-check';
import { draftFromText } from '../../../src/domain/drafts';
import { validatePolicyDefinition } from '../../../src/domain/policy/policy';

const PIECES = [
  '服務(wù)',
  '紧急情况:',
  '30分钟内',
  '远程',
  '到达现场',
  '\n',
  '。',
  ',',
  '7×24小时',
  '0.25%',
  '不超过',
  '违约金',
  '每三月一次',
  '两个工作日',
  'within 4 hours',
  'on site',
  'P1:',
  '(',
  ')',
  '篇二:',
  '承诺书',
  '\u3000',
  '３',
  '立即',
  '无法排除',
  '备用产品',
];

describe('draftFromText on arbitrary text', () => {
  it('never throws; every provenance slices the original; every draft policy is valid', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 6 })), { maxLength: 40 }), (parts) => {
        const original = parts.join('');
        const result = draftFromText(original);
        for (const letter of result.letters) {
          expect(letter.span.start).toBeGreaterThanOrEqual(0);
          expect(letter.span.end).toBeLessThanOrEqual(original.length);
          for (const f of letter.findings) {
            expect(original.slice(f.source.span.start, f.source.span.end)).toBe(f.source.text);
            expect(original.slice(f.source.sentence.span.start, f.source.sentence.span.end)).toBe(f.source.sentence.text);
          }
          expect(() => validatePolicyDefinition(letter.draft.policy)).not.toThrow();
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a short letter instead of dropping it, and reads an empty text as no letters', () => {
    expect(draftFromText('').letters).toEqual([]);
    const short = draftFromText('We respond within 2 hours.');
    expect(short.letters).toHaveLength(1);
    expect(short.letters[0].findings.map((f) => f.kind)).toEqual(['target']);
  });

  // The API drafts up to 200 kB of pasted text: a long run of one numeral character used to make the
  // quantity patterns backtrack quadratically (minutes for 60 000 digits); each run here is read as one.
  it.each(['1', '一', '1.', '百分之', '¥1'])('reads a run of 60 000 characters of %j as no commitment', (piece) => {
    const text = `响应时间:${piece.repeat(Math.ceil(60_000 / piece.length))}小时。`;
    const result = draftFromText(text);
    const targets = result.letters.flatMap((l) => l.findings).filter((f) => f.kind === 'target');
    expect(targets.every((f) => text.slice(f.source.span.start, f.source.span.end) === f.source.text)).toBe(true);
    expect(result.letters.length).toBeLessThanOrEqual(1);
  });

  it('lists a passage too long to be a sentence as unread, and reads the sentences around it', () => {
    const long = '24小时'.repeat(400);
    const text = `紧急故障:接到通知后30分钟内响应。${long}。一般故障:4小时内响应。`;
    const letter = draftFromText(text).letters[0];
    const gap = letter.findings.find((f) => f.kind === 'gap' && /without a sentence end/.test(f.reason));
    expect(gap && text.slice(gap.source.span.start, gap.source.span.end)).toBe(`${long}。`);
    expect(letter.findings.filter((f) => f.kind === 'target').map((f) => f.source.text)).toEqual([
      expect.stringContaining('30分钟'),
      expect.stringContaining('4小时'),
    ]);
    expect(letter.draft.unexpressed.some((u) => /without a sentence end/.test(u))).toBe(true);
  });
});
