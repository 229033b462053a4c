import { ApiProperty } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from '../../domain/validation';

/** A letter is a few kB (the longest seed is 30 kB); 200 kB of UTF-8 also keeps the JSON body under its 256 kB limit. */
export const MAX_LETTER_BYTES = 200 * 1024;
/** An upload: a .docx carries styles, fonts and pictures besides its text. */
export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024;

/** Why `text` cannot be drafted, or undefined. */
export function letterTextProblem(text: string): string | undefined {
  if (text.trim() === '') return 'must not be empty: paste the letter';
  if (Buffer.byteLength(text, 'utf8') > MAX_LETTER_BYTES) return `must be at most ${MAX_LETTER_BYTES / 1024} kB of UTF-8 text`;
  return undefined;
}

export const DraftLetterSchema = z.strictObject({
  text: z
    .string()
    .superRefine((v, ctx) => {
      const problem = letterTextProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .meta({
      description: 'The letter as pasted (Chinese or English; one or several letters), at most 200 kB',
      example: '紧急故障:接到用户通知后30分钟内响应,4小时内到达现场。',
    }),
});

export class DraftLetterDto extends createZodDto(DraftLetterSchema) {}

/** The request body documented for both content types (the route reads JSON or a multipart upload). */
export const DRAFT_UPLOAD_SCHEMA = {
  type: 'object',
  required: ['file'],
  properties: {
    file: { type: 'string', format: 'binary', description: 'The letter as a .txt (UTF-8) or .docx file, at most 2 MB' },
  },
};

export class DraftSourceResponse {
  @ApiProperty({ enum: ['text', 'txt', 'docx'], description: 'Pasted text (JSON), an uploaded .txt or an uploaded .docx' })
  kind: 'text' | 'txt' | 'docx';
  @ApiProperty({ required: false, example: 'letter.docx', description: "The uploaded file's name" }) fileName?: string;
}

export class DraftsResponse {
  @ApiProperty({
    description: 'The text that was read (for a .docx, its paragraphs one per line): every span is a character offset into it',
  })
  text: string;
  @ApiProperty({ type: DraftSourceResponse }) source: DraftSourceResponse;
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description: 'Each normalisation step (full-width forms, Traditional → Simplified, pinyin residue…) and what it changed',
  })
  normalisation: Record<string, unknown>[];
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description:
      'One draft per letter: { title, language, span, findings (each with source.span and source.sentence.span), draft: ' +
      '{ calendar, policy, contractTerms, fields (path → status stated|proposed, findings, note), gaps, assumptions, unexpressed } }',
  })
  letters: Record<string, unknown>[];
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description: 'Parts of the text that are not letters (page titles, related-document lists): { start, end, text }',
  })
  dropped: Record<string, unknown>[];
}
