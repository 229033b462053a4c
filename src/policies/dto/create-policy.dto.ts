import { createZodDto } from 'nestjs-zod';
import { name } from '../../domain/fields';
import { PolicyDefinitionSchema } from '../../domain/policy/schema';
import { z } from '../../domain/validation';

export const CreatePolicySchema = z.strictObject({
  name: name().meta({ example: 'Xinbei 2026', description: 'Unique name' }),
  definition: PolicyDefinitionSchema,
});

/** Creates version n+1 (versions are immutable) from the whole definition; optionally renames the policy. */
export const UpdatePolicySchema = CreatePolicySchema.partial({ name: true });

export class CreatePolicyDto extends createZodDto(CreatePolicySchema) {}
export class UpdatePolicyDto extends createZodDto(UpdatePolicySchema) {}
