import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { PolicyDefinition } from '../domain/policy/policy';

/** One immutable version of a policy (table `policy_versions`): written once, never updated. */
@Entity({ name: 'policy_versions' })
export class PolicyVersionEntity {
  @PrimaryColumn({ name: 'policy_id', type: 'uuid' })
  policyId: string;

  @PrimaryColumn({ type: 'integer' })
  version: number;

  @Column({ type: 'jsonb' })
  definition: PolicyDefinition;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
