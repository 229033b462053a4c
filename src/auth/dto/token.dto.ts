import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { PageQuery } from '../../admin/pagination';
import { ROLES, type Role } from '../roles';

export const TOKEN_NAME = /^[A-Za-z0-9][A-Za-z0-9._:@+-]{0,99}$/;

export class CreateTokenDto {
  @ApiProperty({
    example: 'eng:li.na',
    description:
      'Unique; recorded as the actor of every step and change made with the token. Letters, digits and . _ : @ + - (1 to 100, starting with a letter or digit).',
  })
  @IsString()
  @Matches(TOKEN_NAME, { message: 'name must be 1 to 100 characters: letters, digits and . _ : @ + -, starting with a letter or digit' })
  name: string;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['engineer'], description: 'One or more of admin, engineer, finance, viewer' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLES.length)
  @ArrayUnique()
  @IsIn(ROLES, { each: true, message: `each role must be one of ${ROLES.join(', ')}` })
  roles: Role[];
}

export const TOKEN_STATUSES = ['active', 'revoked'] as const;

export class ListTokensQuery extends PageQuery {
  @ApiPropertyOptional({ enum: TOKEN_STATUSES, description: 'Only active or only revoked tokens (default: both)' })
  @IsOptional()
  @IsIn(TOKEN_STATUSES)
  status?: (typeof TOKEN_STATUSES)[number];
}

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
