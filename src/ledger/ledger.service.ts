import { Injectable, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DataSource, EntityManager } from 'typeorm';
import { parseInstant } from '../domain/fields';
import { DomainValidationError } from '../domain/errors';
import { moneyOut, plainDecimal } from '../domain/penalty/money';
import { csvRecord } from './csv';
import type { LedgerQuery } from './dto/ledger-query.dto';
import type { LedgerEntryResponse, LedgerPageResponse, LedgerTotals } from './dto/ledger.response';

/** Stable CSV header: snake_case, one column per JSON item field, in this order. */
export const LEDGER_CSV_COLUMNS = [
  'id',
  'created_at',
  'contract_id',
  'incident_id',
  'kind',
  'period_index',
  'period_start',
  'period_end',
  'amount',
  'currency',
  'rate',
  'basis_amount',
  'cap_applied',
  'workflow_id',
  'run_id',
  'idempotency_key',
] as const;

/** Rows fetched per round trip when streaming CSV (memory stays bounded whatever the ledger's size). */
const CSV_FETCH_SIZE = 1000;

interface LedgerRow {
  id: string;
  created_at: Date;
  contract_id: string;
  incident_id: string;
  kind: string;
  period_index: number;
  period_start: Date;
  period_end: Date;
  amount: string;
  currency: string;
  rate: string;
  basis_amount: string;
  cap_applied: boolean;
  workflow_id: string;
  run_id: string;
  idempotency_key: string;
}

interface TotalsRow {
  currency: string;
  accrued: string;
  reversed: string;
  corrected: string;
  net: string;
  count: number;
}

/** The SELECT list of ledger entries (JSON and CSV; the benchmark explains queries built on it). */
export const LEDGER_SELECT_COLUMNS = `id::text AS id, created_at, contract_id, incident_id, kind, period_index, period_start, period_end,
  amount::text AS amount, currency, rate::text AS rate, basis_amount::text AS basis_amount, cap_applied,
  workflow_id, run_id, idempotency_key`;

/** Sums per kind with FILTER clauses; amounts stay NUMERIC (text on the wire), never floats. */
const TOTALS = `COALESCE(SUM(amount) FILTER (WHERE kind = 'accrual'), 0)::text AS accrued,
  COALESCE(SUM(amount) FILTER (WHERE kind = 'reversal'), 0)::text AS reversed,
  COALESCE(SUM(amount) FILTER (WHERE kind = 'correction'), 0)::text AS corrected,
  COALESCE(SUM(amount), 0)::text AS net`;

function toItem(r: LedgerRow): LedgerEntryResponse {
  const currency = r.currency.trim();
  return {
    id: r.id,
    createdAt: r.created_at.toISOString(),
    contractId: r.contract_id,
    incidentId: r.incident_id,
    kind: r.kind,
    periodIndex: r.period_index,
    periodStart: r.period_start.toISOString(),
    periodEnd: r.period_end.toISOString(),
    amount: moneyOut(r.amount, currency),
    currency,
    rate: plainDecimal(r.rate),
    basisAmount: moneyOut(r.basis_amount, currency),
    capApplied: r.cap_applied,
    workflowId: r.workflow_id,
    runId: r.run_id,
    idempotencyKey: r.idempotency_key,
  };
}

/** The CSV record of an entry: exactly the JSON item's values, in LEDGER_CSV_COLUMNS order. */
function toCsv(i: LedgerEntryResponse): string {
  return csvRecord([
    i.id,
    i.createdAt,
    i.contractId,
    i.incidentId,
    i.kind,
    i.periodIndex,
    i.periodStart,
    i.periodEnd,
    i.amount,
    i.currency,
    i.rate,
    i.basisAmount,
    i.capApplied,
    i.workflowId,
    i.runId,
    i.idempotencyKey,
  ]);
}

function totalsOf(r: TotalsRow): LedgerTotals {
  const currency = r.currency.trim();
  return {
    accrued: moneyOut(r.accrued, currency),
    reversed: moneyOut(r.reversed, currency),
    corrected: moneyOut(r.corrected, currency),
    net: moneyOut(r.net, currency),
    count: r.count,
  };
}

function zeroTotals(currency: string | null): LedgerTotals {
  const zero = currency ? moneyOut('0', currency) : '0';
  return { accrued: zero, reversed: zero, corrected: zero, net: zero, count: 0 };
}

/** Resolves when the response can take more (or is gone): backpressure for streamed downloads. */
function writeChunk(res: Response, chunk: string): Promise<void> {
  if (res.write(chunk)) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

function compactStamp(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
}

@Injectable()
export class LedgerService {
  private readonly logger = new Logger('LedgerService');

  constructor(private readonly dataSource: DataSource) {}

  /** WHERE clause and parameters of a ledger filter; `from`/`to` go to PostgreSQL as given (timestamptz). */
  private filter(q: LedgerQuery): { clause: string; params: unknown[] } {
    if (q.from !== undefined && q.to !== undefined && parseInstant(q.from) >= parseInstant(q.to)) {
      throw new DomainValidationError([{ path: 'to', message: 'must be after from (from is inclusive, to is exclusive)' }]);
    }
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (q.contractId) add('contract_id = ?', q.contractId);
    if (q.incidentId) add('incident_id = ?', q.incidentId);
    if (q.from) add('created_at >= ?::timestamptz', q.from);
    if (q.to) add('created_at < ?::timestamptz', q.to);
    if (q.kind) add('kind = ?', q.kind);
    return { clause: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
  }

  /** One page of entries in posting order, with totals over every matching entry (one snapshot for both). */
  async list(q: LedgerQuery): Promise<LedgerPageResponse> {
    const { clause, params } = this.filter(q);
    return this.dataSource.transaction('REPEATABLE READ', async (tx) => {
      const totalRows: TotalsRow[] = await tx.query(
        `SELECT currency, ${TOTALS}, count(*)::int AS count FROM ledger_entries ${clause} GROUP BY currency ORDER BY currency`,
        params,
      );
      const rows: LedgerRow[] = await tx.query(
        `SELECT ${LEDGER_SELECT_COLUMNS} FROM ledger_entries ${clause} ORDER BY ledger_entries.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, q.limit, q.offset],
      );
      const totalsByCurrency: Record<string, LedgerTotals> = {};
      for (const r of totalRows) totalsByCurrency[r.currency.trim()] = totalsOf(r);
      const currencies = Object.keys(totalsByCurrency);
      let currency: string | null = currencies.length === 1 ? currencies[0] : null;
      if (currencies.length === 0) currency = await this.scopeCurrency(tx, q);
      const totals = currencies.length > 1 ? null : currencies.length === 1 ? totalsByCurrency[currencies[0]] : zeroTotals(currency);
      return {
        items: rows.map(toItem),
        totals,
        totalsByCurrency,
        currency,
        limit: q.limit,
        offset: q.offset,
        total: totalRows.reduce((n, r) => n + r.count, 0),
      };
    });
  }

  /** With nothing matching, the currency the filter implies (its contract's), if any. */
  private async scopeCurrency(tx: EntityManager, q: LedgerQuery): Promise<string | null> {
    if (q.contractId) {
      const rows: Array<{ currency: string }> = await tx.query(`SELECT currency FROM contracts WHERE id = $1`, [q.contractId]);
      return rows[0]?.currency.trim() ?? null;
    }
    if (q.incidentId) {
      const rows: Array<{ currency: string }> = await tx.query(
        `SELECT c.currency FROM incidents i JOIN contracts c ON c.id = i.contract_id WHERE i.id = $1`,
        [q.incidentId],
      );
      return rows[0]?.currency.trim() ?? null;
    }
    return null;
  }

  /**
   * Streams every matching entry as RFC 4180 CSV through a server-side cursor inside one
   * REPEATABLE READ transaction: a consistent snapshot, at most CSV_FETCH_SIZE rows in memory,
   * and the client's pace respected (backpressure). Errors before the first byte become the usual
   * JSON error; an error mid-stream aborts the connection so a truncated file never looks complete.
   */
  async streamCsv(q: LedgerQuery, res: Response): Promise<void> {
    const { clause, params } = this.filter(q);
    const runner = this.dataSource.createQueryRunner();
    let clientGone = false;
    const onClose = () => {
      if (!res.writableFinished) clientGone = true;
    };
    res.on('close', onClose);
    let started = false;
    try {
      await runner.connect();
      await runner.startTransaction('REPEATABLE READ');
      // The export reads every row: plan the cursor for all of them (an index scan on the period), not the first few.
      await runner.query('SET LOCAL cursor_tuple_fraction = 1');
      await runner.query(
        `DECLARE ledger_csv NO SCROLL CURSOR FOR SELECT ${LEDGER_SELECT_COLUMNS} FROM ledger_entries ${clause} ORDER BY ledger_entries.id`,
        params,
      );
      let rows: LedgerRow[] = await runner.query(`FETCH FORWARD ${CSV_FETCH_SIZE} FROM ledger_csv`);

      const scope = q.contractId ? `contract-${q.contractId}` : q.incidentId ? `incident-${q.incidentId}` : 'all';
      res.status(200);
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="ledger-${scope}-${compactStamp(Date.now())}.csv"`);
      res.setHeader('Cache-Control', 'no-store');
      started = true;
      await writeChunk(res, csvRecord(LEDGER_CSV_COLUMNS));
      while (rows.length > 0 && !clientGone) {
        await writeChunk(res, rows.map((r) => toCsv(toItem(r))).join(''));
        if (rows.length < CSV_FETCH_SIZE || clientGone) break;
        rows = await runner.query(`FETCH FORWARD ${CSV_FETCH_SIZE} FROM ledger_csv`);
      }
      await runner.commitTransaction();
      if (!clientGone) res.end();
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      if (!started) throw error;
      this.logger.error(`CSV export aborted: ${error instanceof Error ? error.message : String(error)}`);
      res.destroy(error instanceof Error ? error : new Error(String(error)));
    } finally {
      res.off('close', onClose);
      await runner.release();
    }
  }
}
