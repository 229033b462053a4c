/**
 * The parts of a contract the domain validates: money in its currency, the
 * penalty terms and the term dates. Every problem is reported at once, with
 * the body field path.
 */
import { isoDateToDayNumber } from '../domain/clock/calendar';
import { DomainValidationError, IssueCollector } from '../domain/errors';
import { formatMoney, isCurrency, moneyProblem } from '../domain/penalty/money';
import { checkPenaltyTerms, type PenaltyTerms } from '../domain/penalty/terms';

/** contracts.total_value is numeric(20, 4): 16 digits before the point. */
const STORED_INTEGER_DIGITS = 16;

function integerDigits(value: string): number {
  return value.split('.')[0].replace(/^0+(?=\d)/, '').length;
}

export interface ContractTermsInput {
  totalValue: string;
  currency: string;
  penaltyTerms: unknown;
  startsOn: string | null;
  endsOn: string | null;
}

export interface ContractTerms {
  /** Exactly the currency's minor digits, e.g. "1000000.00". */
  totalValue: string;
  currency: string;
  /** Null: no money (most letters promise times, not penalties). */
  penaltyTerms: PenaltyTerms | null;
  startsOn: string | null;
  endsOn: string | null;
}

export function parseContractTerms(input: ContractTermsInput): ContractTerms {
  const issues = new IssueCollector();
  const currencyOk = isCurrency(input.currency);
  if (!currencyOk) issues.add('currency', `unknown currency "${input.currency}" (ISO 4217 code expected, e.g. CNY, USD, EUR)`);
  const moneyIssue = currencyOk ? moneyProblem(input.totalValue, input.currency) : undefined;
  if (moneyIssue) issues.add('totalValue', moneyIssue);
  else if (currencyOk && integerDigits(input.totalValue) > STORED_INTEGER_DIGITS) {
    issues.add('totalValue', `must have at most ${STORED_INTEGER_DIGITS} integer digits`);
  }
  const penaltyTerms = input.penaltyTerms === null ? null : checkPenaltyTerms(input.penaltyTerms, 'penaltyTerms', issues);
  if (input.startsOn !== null && input.endsOn !== null) {
    const starts = isoDateToDayNumber(input.startsOn);
    const ends = isoDateToDayNumber(input.endsOn);
    if (starts !== null && ends !== null && ends < starts) issues.add('endsOn', `must not be before startsOn (${input.startsOn})`);
  }
  issues.throwIfAny();
  if (penaltyTerms === undefined) throw new DomainValidationError([{ path: 'penaltyTerms', message: 'invalid' }]);
  return {
    totalValue: formatMoney(input.totalValue, input.currency),
    currency: input.currency,
    penaltyTerms,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
  };
}
