/**
 * Manual ledger adjustments (issue 14 item 7; DESIGN §8): compensation, damages or a cost deduction
 * the letters promise without a rate ("适当的经济补偿", "损失负责", "在合同经费中扣除"). One finance
 * user proposes, a second one approves: only then is the adjustment posted to the ledger. Pure: the
 * input shapes, the amount rules and the four-eyes rule; the service does the I/O.
 */
import { DomainValidationError } from '../errors';
import { text, uuid } from '../fields';
import { z } from '../validation';
import { applyCap } from './penalty';
import { formatMoney, moneyProblem, MoneyDecimal } from './money';

const SIGNED_DECIMAL = /^-?\d+(?:\.\d+)?$/;
const AMOUNT_FORMAT =
  'must be a signed decimal string such as "5000.00" (owed to the customer) or "-500.00" (given back); numbers are refused';

/** A proposal: what finance enters. The amount's minor digits are checked against the contract's currency. */
export const ProposeAdjustmentSchema = z.strictObject({
  amount: z
    .string({ error: (iss) => (iss.input === undefined ? 'missing' : AMOUNT_FORMAT) })
    .superRefine((v, ctx) => {
      if (!SIGNED_DECIMAL.test(v)) ctx.addIssue({ code: 'custom', message: AMOUNT_FORMAT });
      else if (new MoneyDecimal(v).isZero()) ctx.addIssue({ code: 'custom', message: 'must not be zero' });
    })
    .meta({
      example: '5000.00',
      description:
        "Decimal string in the contract's currency (at most its minor digits): positive adds to what the vendor owes, negative gives back",
    }),
  reason: text(4000).meta({ example: 'Appropriate economic compensation for the 3-day outage (agreement §5)' }),
  reference: text(200).meta({ example: 'SEEYON-2026-017', description: "The customer's claim, a letter or a minutes number" }),
  incidentId: uuid().optional().meta({ description: 'The incident it compensates, if any (an incident of this contract)' }),
  countsAgainstCap: z.boolean({ error: 'must be true or false' }).meta({
    description:
      "Whether it counts against the contract's penalty cap (as the contract says): counted, it is cut to the headroom left and leaves less for accruals",
  }),
});

export type ProposeAdjustment = z.output<typeof ProposeAdjustmentSchema>;

export const ApproveAdjustmentSchema = z.strictObject({
  note: text(2000).optional().meta({ example: 'Checked against the signed claim' }),
});

export const RejectAdjustmentSchema = z.strictObject({
  note: text(2000).meta({ example: 'The claim is for another contract', description: 'Why it is rejected' }),
});

/** Why `amount` is not a valid adjustment amount in `currency` (sign allowed, zero refused), or undefined. */
export function adjustmentAmountProblem(amount: string, currency: string): string | undefined {
  const magnitude = amount.startsWith('-') ? amount.slice(1) : amount;
  const problem = moneyProblem(magnitude, currency);
  if (problem) return problem;
  return new MoneyDecimal(magnitude).isZero() ? 'must not be zero' : undefined;
}

/** The four-eyes rule: throws a field-named validation error when the approver is the proposer. */
export function assertFourEyes(proposer: { tokenId: string; name: string }, approver: { tokenId: string | null; name: string }): void {
  if (approver.tokenId === null || approver.tokenId === proposer.tokenId) {
    throw new DomainValidationError([
      {
        path: 'approvedBy',
        message: `must be a second finance user: ${proposer.name} proposed this adjustment and can never approve it`,
      },
    ]);
  }
}

export interface AdjustmentPosting {
  /** What is written to the ledger (the cap may cut a counted positive amount). */
  amount: string;
  capApplied: boolean;
}

/**
 * The amount an approved adjustment posts. Counted against the cap, a positive amount is cut to the
 * headroom the counted rows leave (the same rule as an accrual); a negative one (money given back)
 * is never cut. Not counted, it posts as approved.
 */
export function adjustmentPosting(input: {
  amount: string;
  currency: string;
  countsAgainstCap: boolean;
  /** Sum of the rows counted against the cap in the adjustment's cap scope, or null when there is no cap. */
  countedNet: string | null;
  cap: string | null;
}): AdjustmentPosting {
  const { amount, currency } = input;
  if (!input.countsAgainstCap || input.cap === null || input.countedNet === null || new MoneyDecimal(amount).lte(0)) {
    return { amount: formatMoney(amount, currency), capApplied: false };
  }
  const already = formatMoney(MoneyDecimal.max(new MoneyDecimal(input.countedNet), 0), currency);
  const capped = applyCap({ amount, alreadyPosted: already, cap: input.cap, currency });
  return { amount: capped.amount, capApplied: capped.capped };
}
