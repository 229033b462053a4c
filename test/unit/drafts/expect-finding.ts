/** Test helper: the finding on an exact clause of the original text, with its value. */
import { Finding, LetterDraft } from '../../../src/domain/drafts';

function matches(value: unknown, expected: unknown): boolean {
  try {
    expect(value).toMatchObject(expected as object);
    return true;
  } catch {
    return false;
  }
}

/**
 * Finds the finding whose provenance slices `clause` out of `original` and
 * whose value matches `expected`; checks that its sentence contains the clause.
 */
export function expectFinding(
  letter: LetterDraft,
  original: string,
  clause: string,
  expected: Partial<Finding> & Record<string, unknown>,
): Finding {
  const on = letter.findings.filter((f) => original.slice(f.source.span.start, f.source.span.end) === clause);
  const hit = on.find((f) => matches(f, expected));
  if (!hit) {
    const near = on.map(({ id: _id, source: _source, ...v }) => v);
    throw new Error(`no finding ${JSON.stringify(expected)} on «${clause}»; findings on that clause: ${JSON.stringify(near)}`);
  }
  expect(hit.source.text).toBe(clause);
  const sentence = original.slice(hit.source.sentence.span.start, hit.source.sentence.span.end);
  expect(sentence).toBe(hit.source.sentence.text);
  expect(sentence).toContain(clause);
  return hit;
}

/** The findings of a letter without ids and provenance, for whole-list assertions. */
export function values(letter: LetterDraft, kind?: Finding['kind']): unknown[] {
  return letter.findings.filter((f) => !kind || f.kind === kind).map(({ id: _id, source: _source, ...v }) => v);
}
