/**
 * The simulated ledger: takes every incident's ledger commands in the order the real ledger took
 * them (the instant queued, then the incident's report order, then the incident's own order) and
 * applies the same arithmetic as the ledger activity: an accrual is cut to the cap's headroom (over
 * the contract or the incident, net of reversals), no zero rows; a reversal or correction negates
 * every live accrual of its incident. Decimal money only.
 */
import { penaltyCap } from '../ladder';
import { applyCap } from '../penalty/penalty';
import { formatMoney, MoneyDecimal } from '../penalty/money';
import type { Replay } from './replay';

type Decimal = InstanceType<typeof MoneyDecimal>;

export interface SimulatedRow {
  incident: number;
  at: number;
  kind: 'accrual' | 'reversal' | 'correction';
  amount: string;
  cancelled?: boolean;
}

export interface SimulatedLedger {
  rows: SimulatedRow[];
  /** Net per incident (index into the replays), in the currency's minor unit. */
  net: Map<number, string>;
}

/** Posts the commands of `replays` (null: not replayed) into an empty ledger. */
export function postAll(replays: Array<Replay | null>, currency: string): SimulatedLedger {
  const queue = replays.flatMap((replay, incident) => (replay ? replay.commands.map((c) => ({ ...c, incident })) : []));
  queue.sort((a, b) => a.at - b.at || a.incident - b.incident || a.order - b.order);

  const rows: SimulatedRow[] = [];
  const contractNet = new Map<string, Decimal>();
  const incidentNet = new Map<number, Decimal>();
  /** Accrual rows not cancelled yet, per incident. */
  const live = new Map<number, SimulatedRow[]>();
  for (const { at, incident, command } of queue) {
    const replay = replays[incident]!;
    if (command.type === 'post') {
      const { cap, scope } = penaltyCap(replay.ctx);
      const scopeNet =
        scope === 'contract'
          ? (contractNet.get(replay.ctx.input.contract.id) ?? new MoneyDecimal(0))
          : (incidentNet.get(incident) ?? new MoneyDecimal(0));
      const capped = applyCap({ amount: command.posting.amount, alreadyPosted: formatMoney(scopeNet, currency), cap, currency });
      if (new MoneyDecimal(capped.amount).isZero()) continue;
      const row: SimulatedRow = { incident, at, kind: 'accrual', amount: capped.amount };
      rows.push(row);
      const mine = live.get(incident) ?? [];
      mine.push(row);
      live.set(incident, mine);
      add(incident, replay.ctx.input.contract.id, capped.amount);
    } else {
      for (const row of live.get(incident) ?? []) {
        row.cancelled = true;
        const negated = new MoneyDecimal(row.amount).negated().toFixed();
        rows.push({ incident, at, kind: command.kind, amount: negated });
        add(incident, replay.ctx.input.contract.id, negated);
      }
      live.delete(incident);
    }
  }
  const net = new Map<number, string>();
  for (const [incident, value] of incidentNet) net.set(incident, formatMoney(value, currency));
  return { rows, net };

  function add(incident: number, contractId: string, amount: string): void {
    incidentNet.set(incident, (incidentNet.get(incident) ?? new MoneyDecimal(0)).plus(amount));
    contractNet.set(contractId, (contractNet.get(contractId) ?? new MoneyDecimal(0)).plus(amount));
  }
}
