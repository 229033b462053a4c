import { ApiProperty } from '@nestjs/swagger';
import { IsObject } from 'class-validator';
import { IsName } from '../../admin/names';
import { POLICY_EXAMPLE, PolicyDefinitionSchema } from './policy-definition.schema';

export class CreatePolicyDto {
  @ApiProperty({ example: 'Xinbei 2026', description: 'Unique name', maxLength: 200 })
  @IsName()
  name: string;

  @ApiProperty({
    type: PolicyDefinitionSchema,
    example: POLICY_EXAMPLE,
    description: 'Targets per severity class; errors name the path, e.g. definition.severities.urgent.triage.respondWithin.amount',
  })
  @IsObject()
  definition: Record<string, unknown>;
}
