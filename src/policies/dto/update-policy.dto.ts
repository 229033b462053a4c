import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, ValidateIf } from 'class-validator';
import { IsName } from '../../admin/names';
import { POLICY_EXAMPLE, PolicyDefinitionSchema } from './policy-definition.schema';

/** Creates version n+1 (versions are immutable); optionally renames the policy. */
export class UpdatePolicyDto {
  @ApiProperty({ type: PolicyDefinitionSchema, example: POLICY_EXAMPLE, description: 'The whole definition of the new version' })
  @IsObject()
  definition: Record<string, unknown>;

  @ApiPropertyOptional({ example: 'Xinbei 2027', maxLength: 200 })
  @ValidateIf((o: UpdatePolicyDto) => o.name !== undefined)
  @IsName()
  name?: string;
}
