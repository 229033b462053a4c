import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { ContractStatus } from '../domain/contract/life';
import type { PenaltyTerms } from '../domain/penalty/terms';
import type { Language } from '../i18n/languages';

/** A service contract (table `contracts`). Money stays a decimal string end to end (numeric column). */
@Entity({ name: 'contracts' })
export class ContractEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text', unique: true })
  name: string;

  @Column({ type: 'text' })
  customer: string;

  /** numeric(20,4): node-pg returns it as a string; never parsed into a float. */
  @Column({ name: 'total_value', type: 'numeric', precision: 20, scale: 4 })
  totalValue: string;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ name: 'calendar_id', type: 'text' })
  calendarId: string;

  @Column({ name: 'policy_id', type: 'uuid' })
  policyId: string;

  /** Null: the contract carries no money (breaches are tracked, nothing is posted). */
  @Column({ name: 'penalty_terms', type: 'jsonb', nullable: true })
  penaltyTerms: PenaltyTerms | null;

  /** ISO date "YYYY-MM-DD" (TypeORM hydrates `date` columns as strings). */
  @Column({ name: 'starts_on', type: 'date', nullable: true })
  startsOn: string | null;

  @Column({ name: 'ends_on', type: 'date', nullable: true })
  endsOn: string | null;

  @Column({ name: 'webhook_url', type: 'text', nullable: true })
  webhookUrl: string | null;

  /** Language of the customer-facing documents (fault reports, notifications). */
  @Column({ type: 'text' })
  language: Language;

  /** Customer-caused causes the exclude step may name (besides "other"); null: no list. */
  @Column({ name: 'exclusion_causes', type: 'jsonb', nullable: true })
  exclusionCauses: string[] | null;

  /** Severity class → calendar id (classes not listed run on calendarId); null: every class runs on calendarId. */
  @Column({ name: 'class_calendars', type: 'jsonb', nullable: true })
  classCalendars: Record<string, string> | null;

  /** active, suspended or terminated (never deleted: its ledger and history stay). */
  @Column({ type: 'text', default: 'active' })
  status: ContractStatus;

  @Column({ name: 'status_reason', type: 'text', nullable: true })
  statusReason: string | null;

  @Column({ name: 'status_changed_at', type: 'timestamptz', nullable: true })
  statusChangedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
