import { ApiProperty } from '@nestjs/swagger';
import { schemaRef } from '../../common/openapi';
import type { PolicyDefinition } from '../../domain/policy/policy';

export class PolicyResponse {
  @ApiProperty({ format: 'uuid', example: '0b5f1c1e-5a55-4c0e-9d57-2b7d8f0f2f4a' }) id: string;
  @ApiProperty({ example: 'Xinbei 2026' }) name: string;
  @ApiProperty({ example: 2, description: 'The current version (new incidents pin it)' }) version: number;
  @ApiProperty(schemaRef('PolicyDefinition', 'Definition of the current version, anchors filled in')) definition: PolicyDefinition;
  @ApiProperty({ example: '2026-11-20T09:00:00.000Z' }) createdAt: string;
  @ApiProperty({ example: '2026-11-21T09:00:00.000Z', description: 'When the last version was created or the policy renamed' })
  updatedAt: string;
}

export class PolicyVersionResponse {
  @ApiProperty({ format: 'uuid', example: '0b5f1c1e-5a55-4c0e-9d57-2b7d8f0f2f4a' }) policyId: string;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty(schemaRef('PolicyDefinition')) definition: PolicyDefinition;
  @ApiProperty({ example: '2026-11-20T09:00:00.000Z' }) createdAt: string;
}
