import { ApiProperty } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { pageFields } from '../../admin/pagination';
import { z } from '../../domain/validation';
import { isRole, ROLES, type Role } from '../roles';

export const TOKEN_NAME = /^[A-Za-z0-9][A-Za-z0-9._:@+-]{0,99}$/;

export const CreateTokenSchema = z.strictObject({
  name: z
    .string()
    .regex(TOKEN_NAME, { error: 'name must be 1 to 100 characters: letters, digits and . _ : @ + -, starting with a letter or digit' })
    .meta({
      example: 'eng:li.na',
      description:
        'Unique; recorded as the actor of every step and change made with the token. Letters, digits and . _ : @ + - (1 to 100, starting with a letter or digit).',
    }),
  roles: z
    .array(z.string().meta({ enum: [...ROLES] }))
    .min(1)
    .max(ROLES.length)
    // Checked on the list, so the error names the field "roles" as before.
    .refine((roles) => roles.every(isRole), { error: `each role must be one of ${ROLES.join(', ')}` })
    .refine((roles) => new Set(roles).size === roles.length, { error: 'must not name a role twice' })
    .transform((roles) => roles as Role[])
    .meta({ example: ['engineer'], description: 'One or more of admin, engineer, finance, viewer' }),
});

export class CreateTokenDto extends createZodDto(CreateTokenSchema) {}

export const TOKEN_STATUSES = ['active', 'revoked'] as const;

export const ListTokensSchema = z.strictObject({
  status: z.enum(TOKEN_STATUSES).optional().meta({ description: 'Only active or only revoked tokens (default: both)' }),
  ...pageFields(),
});

export class ListTokensQuery extends createZodDto(ListTokensSchema) {}

export class TokenResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'eng:li.na' }) name: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: Role[];
  @ApiProperty({ example: '2026-11-20T09:15:00.000Z' }) createdAt: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Token that created it (null: bootstrap)' }) createdBy:
    string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Last request made with it (updated at most once a minute)' }) lastUsedAt:
    string | null;
  @ApiProperty({ nullable: true, type: String }) revokedAt: string | null;
  @ApiProperty() active: boolean;
}

export class CreatedTokenResponse extends TokenResponse {
  @ApiProperty({
    example: 'eo_3q2-7wQZ0y9bYl8mJ1dV4u6Xc5aR0tPzKsLhNgBfEiA',
    description: 'The secret, shown this once: the server keeps only its SHA-256 hash. Send it as Authorization: Bearer <secret>.',
  })
  secret: string;
}
