import { applyDecorators } from '@nestjs/common';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';

export const NAME_MAX_LENGTH = 200;

/** A human-readable name: a non-blank string of at most 200 characters without control characters. */
export function IsName(): PropertyDecorator {
  return applyDecorators(
    IsString(),
    IsNotEmpty(),
    Matches(/\S/, { message: '$property must not be blank' }),
    // eslint-disable-next-line no-control-regex
    Matches(/^[^\u0000-\u001f\u007f]*$/, { message: '$property must not contain control characters' }),
    MaxLength(NAME_MAX_LENGTH),
  );
}

/** A text id (calendar ids are free text): what PostgreSQL cannot store cannot exist. */
export function isStorableText(value: string): boolean {
  return !value.includes('\u0000');
}
