/**
 * Spare loans: the spare lent to the customer while the faulty unit is repaired, the repaired
 * unit's return, and the spare's recovery — in that order, each once, never in the future. Each
 * change is audited in its own transaction (AuditService.withAudit), and the row is locked while it
 * moves so two engineers recording the same return cannot both succeed.
 */
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../auth/principal';
import { AuditService } from '../audit/audit.service';
import { ConflictError, NotFoundError } from '../common/errors';
import { DomainValidationError } from '../domain/errors';
import { parseInstant } from '../domain/fields';
import type { LendSpareDto, LoanEventDto, SpareLoanResponse } from './dto/spare-loan.dto';

/** Tolerated clock skew for an instant given as "now". */
const FUTURE_SKEW_MS = 60_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface LoanRow {
  id: string;
  contract_id: string;
  incident_id: string | null;
  spare_unit: string;
  faulty_unit: string;
  lent_at: Date;
  repaired_returned_at: Date | null;
  spare_recovered_at: Date | null;
  note: string | null;
}

export function toSpareLoanResponse(r: LoanRow): SpareLoanResponse {
  return {
    id: r.id,
    contractId: r.contract_id,
    incidentId: r.incident_id,
    spareUnit: r.spare_unit,
    faultyUnit: r.faulty_unit,
    status: r.spare_recovered_at ? 'recovered' : r.repaired_returned_at ? 'repairedReturned' : 'lent',
    lentAt: r.lent_at.toISOString(),
    repairedReturnedAt: r.repaired_returned_at?.toISOString() ?? null,
    spareRecoveredAt: r.spare_recovered_at?.toISOString() ?? null,
    note: r.note,
  };
}

/** The instant given, or now; refused in the future or before `notBefore`. */
function instantOf(at: string | undefined, notBefore?: { at: Date; what: string }): number {
  const instant = at === undefined ? Date.now() : parseInstant(at);
  if (instant > Date.now() + FUTURE_SKEW_MS) throw new DomainValidationError([{ path: 'at', message: 'must not be in the future' }]);
  if (notBefore && instant < notBefore.at.getTime()) {
    throw new DomainValidationError([{ path: 'at', message: `must not be before ${notBefore.what} (${notBefore.at.toISOString()})` }]);
  }
  return instant;
}

@Injectable()
export class SparesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async lend(contractId: string, dto: LendSpareDto, actor: Actor): Promise<SpareLoanResponse> {
    await this.contract(contractId);
    if (dto.incidentId) {
      const [incident] = await this.dataSource.query(`SELECT contract_id FROM incidents WHERE id = $1`, [dto.incidentId]);
      if (!incident) throw new DomainValidationError([{ path: 'incidentId', message: `no incident ${dto.incidentId}` }]);
      if (incident.contract_id !== contractId)
        throw new DomainValidationError([{ path: 'incidentId', message: 'the incident belongs to another contract' }]);
    }
    const lentAt = instantOf(dto.at);
    return this.audit.withAudit(actor, async (m) => {
      const [row]: LoanRow[] = await m.query(
        `INSERT INTO spare_loans (id, contract_id, incident_id, spare_unit, faulty_unit, lent_at, note)
         VALUES ($1, $2, $3, $4, $5, timestamptz 'epoch' + $6::bigint * interval '1 millisecond', $7) RETURNING *`,
        [randomUUID(), contractId, dto.incidentId ?? null, dto.spareUnit, dto.faultyUnit, lentAt, dto.note ?? null],
      );
      const result = toSpareLoanResponse(row);
      return { result, action: 'spareLoan.lend', entity: { type: 'spareLoan', id: row.id }, details: { ...result } };
    });
  }

  /** The repaired unit is back at the customer (the spare is still there). */
  async repairedReturned(id: string, dto: LoanEventDto, actor: Actor): Promise<SpareLoanResponse> {
    return this.audit.withAudit(actor, async (m) => {
      const loan = await this.locked(m, id);
      if (loan.repaired_returned_at) {
        throw new ConflictError(`the repaired unit was already returned at ${loan.repaired_returned_at.toISOString()}`, 'already_returned');
      }
      const at = instantOf(dto.at, { at: loan.lent_at, what: 'the loan' });
      const row = await this.set(m, id, 'repaired_returned_at', at, dto.note);
      return { result: toSpareLoanResponse(row), action: 'spareLoan.repairedReturned', entity: { type: 'spareLoan', id }, details: { at } };
    });
  }

  /** The spare is back with the vendor: the loan is closed. Only after the repaired unit's return. */
  async spareRecovered(id: string, dto: LoanEventDto, actor: Actor): Promise<SpareLoanResponse> {
    return this.audit.withAudit(actor, async (m) => {
      const loan = await this.locked(m, id);
      if (loan.spare_recovered_at) {
        throw new ConflictError(`the spare was already recovered at ${loan.spare_recovered_at.toISOString()}`, 'already_recovered');
      }
      if (!loan.repaired_returned_at) {
        throw new ConflictError('the spare stays with the customer until the repaired unit is returned', 'not_returned_yet');
      }
      const at = instantOf(dto.at, { at: loan.repaired_returned_at, what: "the repaired unit's return" });
      const row = await this.set(m, id, 'spare_recovered_at', at, dto.note);
      return { result: toSpareLoanResponse(row), action: 'spareLoan.spareRecovered', entity: { type: 'spareLoan', id }, details: { at } };
    });
  }

  async list(contractId: string, open: boolean | undefined): Promise<SpareLoanResponse[]> {
    await this.contract(contractId);
    const rows: LoanRow[] = await this.dataSource.query(
      `SELECT * FROM spare_loans WHERE contract_id = $1 AND ($2::boolean IS NULL OR (spare_recovered_at IS NULL) = $2)
       ORDER BY lent_at, id`,
      [contractId, open ?? null],
    );
    return rows.map(toSpareLoanResponse);
  }

  private async contract(id: string): Promise<void> {
    if (!UUID.test(id)) throw new NotFoundError('contract', id);
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM contracts WHERE id = $1`, [id]);
    if (rows.length === 0) throw new NotFoundError('contract', id);
  }

  private async locked(m: EntityManager, id: string): Promise<LoanRow> {
    if (!UUID.test(id)) throw new NotFoundError('spare loan', id);
    const [row]: LoanRow[] = await m.query(`SELECT * FROM spare_loans WHERE id = $1 FOR UPDATE`, [id]);
    if (!row) throw new NotFoundError('spare loan', id);
    return row;
  }

  private async set(m: EntityManager, id: string, column: 'repaired_returned_at' | 'spare_recovered_at', at: number, note?: string) {
    const [rows]: [LoanRow[]] = await m.query(
      `UPDATE spare_loans SET ${column} = timestamptz 'epoch' + $2::bigint * interval '1 millisecond',
         note = CASE WHEN $3::text IS NULL THEN note WHEN note IS NULL THEN $3 ELSE note || E'\\n' || $3 END
       WHERE id = $1 RETURNING *`,
      [id, at, note ?? null],
    );
    return rows[0];
  }
}
