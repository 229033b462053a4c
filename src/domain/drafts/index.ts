/**
 * From a pasted letter to drafts: normalise (with a report of what was done),
 * split into letters, read each into findings with provenance in the original
 * text, and map the findings to a draft in the current template shape.
 * Deterministic, offline, pure.
 */
import { Finding } from './findings';
import { splitLetters } from './letters';
import { NormalisationStep, normalise } from './normalise';
import { readLetter } from './read-letter';
import { Span } from './traced-text';
import { TemplateDraft, toTemplateDraft } from './to-template';

export * from './findings';
export { normalise, type NormalisationStep, type NormalisedText } from './normalise';
export { splitLetters, type Letter, type Sentence } from './letters';
export { readLetter } from './read-letter';
export { toTemplateDraft, type DraftField, type DraftGap, type GapKind, type TemplateDraft } from './to-template';
export { compareWithTemplate, type FieldComparison } from './compare';
export { type Span, type TracedText } from './traced-text';

export interface LetterDraft {
  title: string;
  language: 'zh' | 'en';
  /** Where the letter is in the pasted text. */
  span: Span;
  findings: Finding[];
  draft: TemplateDraft;
}

export interface DraftsResult {
  /** Every normalisation step and what it changed. */
  normalisation: NormalisationStep[];
  letters: LetterDraft[];
  /** Parts of the text that were not letters (page titles, related-document lists), in the original. */
  dropped: (Span & { text: string })[];
}

/** Reads a pasted text (one or several letters, Chinese or English) into drafts. */
export function draftFromText(original: string): DraftsResult {
  const normalised = normalise(original);
  const split = splitLetters(normalised.text.text);
  const letters = split.letters.map((letter) => {
    const findings = readLetter(normalised, letter);
    const body = normalised.text.text.slice(letter.start, letter.end);
    const language = languageOf(body);
    return {
      title: letter.title,
      language,
      span: normalised.text.toOriginal(letter),
      findings,
      draft: toTemplateDraft(findings, letter.title, language),
    };
  });
  const dropped = split.dropped.map((d) => {
    const span = normalised.text.toOriginal(d);
    return { ...span, text: original.slice(span.start, span.end) };
  });
  return { normalisation: normalised.steps, letters, dropped };
}

function languageOf(text: string): 'zh' | 'en' {
  const han = (text.match(/[\u4e00-\u9fff]/g) ?? []).length;
  const latin = (text.match(/[A-Za-z]/g) ?? []).length;
  return han * 2 >= latin ? 'zh' : 'en';
}
