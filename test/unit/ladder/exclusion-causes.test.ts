/** Exclusion causes (issue 14 item 6): the exclude step names one of the pinned contract's causes, or "other". */
import { payloadRefusal, stateRefusal } from '../../../src/domain/ladder';
import { payloadFor, Run, SEC } from './helpers';

const CAUSES = ['power', 'ups', 'customer-hardware', 'network'];
const ALLOWED = 'one of: power, ups, customer-hardware, network, other';

describe('exclude with a cause', () => {
  it.each(['ups', 'network', 'other'])('accepts %s under a contract listing its causes, and the excluded event carries it', (cause) => {
    const run = new Run({ exclusionCauses: CAUSES });
    run.step('exclude', run.t0 + 5 * SEC, { cause, reason: 'customer UPS failed at 03:00' });
    expect(run.state.status).toBe('excluded');
    const [event] = run.events('excluded');
    expect(event.data).toEqual({ reason: 'customer UPS failed at 03:00', cause });
    expect(run.events('step:exclude')[0].data).toMatchObject({ cause });
  });

  it('refuses a cause the contract does not list, naming the allowed ones, and changes nothing', () => {
    const run = new Run({ exclusionCauses: CAUSES });
    const before = run.snapshot();
    const { refused } = run.attempt('exclude', payloadFor('exclude', { cause: 'flood' }), run.t0 + 5 * SEC);
    expect(refused).toBe(`cause "flood" is not in the contract's exclusion causes (${ALLOWED})`);
    expect(run.state.status).toBe('open');
    expect(run.state.seq).toBe(before.seq);
    expect(run.events('excluded')).toHaveLength(0);
  });

  it('is case-sensitive: the label must be the listed one', () => {
    const run = new Run({ exclusionCauses: CAUSES });
    expect(payloadRefusal(run.ctx, run.state, 'exclude', payloadFor('exclude', { cause: 'UPS' }))).toContain('cause "UPS" is not in');
  });

  it('keeps a reason-only exclude working (old clients), with no cause in the event', () => {
    const run = new Run({ exclusionCauses: CAUSES });
    run.step('exclude', run.t0 + 5 * SEC);
    expect(run.events('excluded')[0].data).toEqual({ reason: 'customer UPS failure' });
  });

  it.each([
    ['a snapshot pinned before contracts had causes', undefined],
    ['a contract without a list', null],
  ])('takes any cause under %s', (_label, exclusionCauses) => {
    const run = new Run({ exclusionCauses });
    expect(payloadRefusal(run.ctx, run.state, 'exclude', payloadFor('exclude', { cause: 'flood' }))).toBeNull();
    run.step('exclude', run.t0 + 5 * SEC, { cause: 'flood' });
    expect(run.events('excluded')[0].data).toMatchObject({ cause: 'flood' });
  });

  it('refuses a blank cause by the catalogue schema', () => {
    const run = new Run({ exclusionCauses: CAUSES });
    expect(payloadRefusal(run.ctx, run.state, 'exclude', payloadFor('exclude', { cause: '  ' }))).toBe('cause: must not be blank');
  });

  it('cancel takes no cause (strict body)', () => {
    const run = new Run();
    expect(stateRefusal(run.state, 'cancel')).toBeNull();
    expect(payloadRefusal(run.ctx, run.state, 'cancel', { ...payloadFor('cancel'), cause: 'ups' } as never)).toMatch(/cause/);
  });
});
