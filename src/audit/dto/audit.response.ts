import { ApiProperty } from '@nestjs/swagger';

export class AuditActorResponse {
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Token id; null for the system itself (bootstrap)' })
  tokenId: string | null;

  @ApiProperty({ example: 'ops-admin', description: 'Token name at the time' })
  name: string;
}

export class AuditEntryResponse {
  @ApiProperty({ example: '42', description: 'Sequence number (string: a 64-bit integer)' }) id: string;
  @ApiProperty({ example: '2026-11-20T09:15:00.000Z' }) at: string;
  @ApiProperty() actor: AuditActorResponse;
  @ApiProperty({ example: 'contract.update' }) action: string;
  @ApiProperty({ example: 'contract' }) entityType: string;
  @ApiProperty({ nullable: true, type: String }) entityId: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'What changed (e.g. { changes: { field: { from, to } } })' })
  details: Record<string, unknown>;
}
