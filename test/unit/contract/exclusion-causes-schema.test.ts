/** A contract's exclusion causes: a validated list, every problem named by its path. */
import { CreateContractSchema, UpdateContractSchema } from '../../../src/contracts/dto/contract.dto';
import { fieldIssues } from '../../../src/domain/validation';

const BASE = {
  name: 'SDJU',
  customer: 'Shanghai Dianji University',
  totalValue: '1000.00',
  currency: 'CNY',
  calendarId: '24x7',
  policyId: 'p',
  penaltyTerms: null,
};

const issues = (input: unknown, schema = CreateContractSchema) => {
  const r = schema.safeParse(input);
  return r.success ? [] : fieldIssues(r.error).map((i) => `${i.path}: ${i.message}`);
};

describe('contract exclusionCauses', () => {
  it('keeps a list of distinct labels, and null when absent', () => {
    expect(CreateContractSchema.parse({ ...BASE, exclusionCauses: ['power', '客户网络环境'] }).exclusionCauses).toEqual([
      'power',
      '客户网络环境',
    ]);
    expect(CreateContractSchema.parse(BASE).exclusionCauses).toBeNull();
  });

  it('names each bad entry by its index', () => {
    expect(issues({ ...BASE, exclusionCauses: ['ups', 'Other', ' ', 'ups', 'unspecified'] })).toEqual([
      'exclusionCauses[1]: "Other" is reserved (every contract accepts "other" with a text)',
      'exclusionCauses[2]: must not be blank or start/end with spaces',
      'exclusionCauses[3]: "ups" is listed twice',
      'exclusionCauses[4]: "unspecified" is reserved (every contract accepts "other" with a text)',
    ]);
  });

  it('refuses an empty list and a non-list, also on update', () => {
    expect(issues({ ...BASE, exclusionCauses: [] })).toEqual([
      'exclusionCauses: must list at least one cause (null: the contract has no list)',
    ]);
    expect(issues({ exclusionCauses: 'ups' }, UpdateContractSchema as never)[0]).toMatch(/^exclusionCauses: /);
  });
});
