/** Named extra commitments (policy `extras`): each its own deadline on a rung, met by its step, breached like any deadline. */
import { buildView, LadderContext, initialState, payloadRefusal } from '../../../src/domain/ladder';
import { validatePolicyDefinition } from '../../../src/domain/policy/policy';
import { breachedTargets } from '../../../src/domain/simulation/replay';
import { makeInput, payloadFor, Run, SEC, targets } from './helpers';

const POLICY = validatePolicyDefinition({
  severities: { urgent: targets(), general: targets({}, 2) },
  extras: [
    // Hengzhong: a definite answer within 8 h of the repair notice (seconds here), met by naming it.
    { name: 'definite-answer', rung: 'triage', within: { amount: 100, unit: 'seconds' }, metBy: 'commitmentMet' },
    // The maintenance-service letter: a response within 2 working days, besides the phone window; met by acknowledging.
    { name: 'written-response', rung: 'triage', within: { amount: 200, unit: 'seconds' }, metBy: 'acknowledge' },
    { name: 'onsite-report', rung: 'onsite', within: { amount: 50, unit: 'seconds' }, metBy: 'arrive', severities: ['urgent'] },
  ],
});
const at = (run: Run, s: number): number => run.t0 + s * SEC;
const A = 'extra:definite-answer';
const B = 'extra:written-response';

describe('named extra commitments', () => {
  it('open with their rung, due from its opening, named on the clock and in rung_opened', () => {
    const run = new Run({ policy: POLICY });
    expect(run.clock(A)).toMatchObject({
      status: 'running',
      kind: 'deadline',
      rung: 'triage',
      dueAt: at(run, 100),
      extra: { name: 'definite-answer', metBy: 'commitmentMet' },
    });
    expect(run.clock(B)).toMatchObject({
      status: 'running',
      dueAt: at(run, 200),
      extra: { name: 'written-response', metBy: 'acknowledge' },
    });
    const opened = run.events('rung_opened')[0];
    expect(opened.data.clocks).toEqual([
      { key: 'triage.respondWithin', dueAt: at(run, 60) },
      { key: A, dueAt: at(run, 100) },
      { key: B, dueAt: at(run, 200) },
    ]);
    // The onsite one waits for its rung.
    expect(run.state.clocks['extra:onsite-report']).toBeUndefined();
  });

  it('one is met by its own step, the other breaches at its due instant (no money)', () => {
    const run = new Run({ policy: POLICY });
    const ack = run.step('acknowledge', at(run, 30));
    expect(ack.events.filter((e) => e.kind === 'target_met').map((e) => e.data.clock)).toEqual([B, 'triage.respondWithin']);
    expect(run.clock(B)).toMatchObject({ status: 'met', marginMs: 170 * SEC });
    const e = run.tick(at(run, 105));
    expect(e.events.filter((x) => x.kind === 'breach').map((b) => b.data)).toEqual([
      expect.objectContaining({ clock: A, rung: 'triage', dueAt: at(run, 100), detectedAt: at(run, 105) }),
    ]);
    expect(e.notifications.map((n) => n.data)).toEqual([expect.objectContaining({ clock: A })]);
    expect(e.ledger).toEqual([]);
    expect(run.state.breachCount).toBe(1);
    expect(breachedTargets(run.state)).toEqual([A]);
    const view = buildView(run.ctx, run.state, at(run, 106));
    expect(view.clockViews.find((c) => c.key === A)).toMatchObject({ status: 'breached', extra: { name: 'definite-answer' } });
  });

  it('commitment-met meets the named one; late, it records when it was done', () => {
    const run = new Run({ policy: POLICY });
    const e = run.step('commitmentMet', at(run, 20), { name: 'definite-answer' });
    expect(e.events.map((x) => x.kind)).toEqual(['step:commitmentMet', 'target_met']);
    expect(run.clock(A)).toMatchObject({ status: 'met', marginMs: 80 * SEC });
    expect(run.clock(B).status).toBe('running');
    const late = new Run({ policy: POLICY });
    late.tick(at(late, 150));
    late.step('commitmentMet', at(late, 160), { name: 'definite-answer' });
    expect(late.clock(A)).toMatchObject({ status: 'breached', completedAt: at(late, 160) });
  });

  it("refuses an unknown, a closed or another step's name, saying why", () => {
    const run = new Run({ policy: POLICY });
    const refuse = (name: string) => payloadRefusal(run.ctx, run.state, 'commitmentMet', payloadFor('commitmentMet', { name }));
    expect(refuse('nope')).toBe('"nope" is not an extra commitment of the incident\'s policy (open: definite-answer)');
    expect(refuse('written-response')).toBe('extra commitment "written-response" is met by the acknowledge step, not commitment-met');
    expect(refuse('onsite-report')).toMatch(/has not opened \(it opens with the onsite rung/);
    run.step('commitmentMet', at(run, 10), { name: 'definite-answer' });
    expect(refuse('definite-answer')).toBe('extra commitment "definite-answer" is already met');
  });

  it('open only for the classes they name, and stop at the restore', () => {
    const urgent = new Run({ policy: POLICY });
    urgent.step('acknowledge', at(urgent, 5));
    urgent.step('restore', at(urgent, 10));
    expect(urgent.clock(A).status).toBe('stopped');
    const general = new Run({ policy: POLICY, severity: 'general' });
    general.step('acknowledge', at(general, 5));
    general.step('remoteSession', at(general, 6));
    general.step('diagnosis', at(general, 7));
    expect(general.state.rungsOpenedAt.onsite).toBe(at(general, 7));
    expect(general.state.clocks['extra:onsite-report']).toBeUndefined();
  });

  it('an extra on a later rung opens with it, counted from its opening, and is met by its step', () => {
    const run = new Run({ policy: POLICY });
    run.step('acknowledge', at(run, 5));
    run.step('remoteSession', at(run, 6));
    run.step('diagnosis', at(run, 7));
    expect(run.clock('extra:onsite-report')).toMatchObject({ status: 'running', rung: 'onsite', anchorAt: at(run, 7), dueAt: at(run, 57) });
    run.step('dispatch', at(run, 8));
    const e = run.step('arrive', at(run, 20));
    expect(e.events.filter((x) => x.kind === 'target_met').map((x) => x.data.clock)).toEqual([
      'extra:onsite-report',
      'onsite.arriveWithin',
    ]);
    expect(run.clock('extra:onsite-report')).toMatchObject({ status: 'met', marginMs: 37 * SEC });
  });

  it('reclassified to a class that does not make it, a running one stops and its breach is withdrawn', () => {
    const run = new Run({ policy: POLICY });
    run.step('acknowledge', at(run, 5));
    run.step('remoteSession', at(run, 6));
    run.step('diagnosis', at(run, 7));
    run.tick(at(run, 60));
    expect(run.clock('extra:onsite-report').status).toBe('breached');
    const before = run.state.breachCount;
    const e = run.step('reclassify', at(run, 61), { severity: 'general' });
    expect(e.events.filter((x) => x.kind === 'breach_withdrawn').map((x) => x.data.clock)).toContain('extra:onsite-report');
    expect(run.clock('extra:onsite-report').status).toBe('stopped');
    expect(run.state.breachCount).toBeLessThan(before);
  });

  it('a policy without extras, or a workflow before the patch, opens none', () => {
    const plain = new Run();
    expect(Object.keys(plain.state.clocks).filter((k) => k.startsWith('extra:'))).toEqual([]);
    const unpatched = new LadderContext(makeInput({ policy: POLICY }), 'wf', { extraCommitments: false });
    const { state } = initialState(unpatched);
    expect(Object.keys(state.clocks).filter((k) => k.startsWith('extra:'))).toEqual([]);
  });

  it('the policy schema names the field of a bad extra', () => {
    const bad = (extras: unknown) => () => validatePolicyDefinition({ severities: { urgent: targets() }, extras } as never);
    const one = { name: 'x', rung: 'triage', within: { amount: 1, unit: 'hours' }, metBy: 'commitmentMet' };
    expect(bad([one, one])).toThrow(/extras\[1\]\.name.*duplicate "x"/s);
    expect(bad([{ ...one, name: 'Bad Name' }])).toThrow(/extras\[0\]\.name/);
    expect(bad([{ ...one, metBy: 'pause' }])).toThrow(/extras\[0\]\.metBy/);
    expect(bad([{ ...one, rung: 'signOff' }])).toThrow(/extras\[0\]\.rung/);
    expect(bad([{ ...one, severities: ['nope'] }])).toThrow(/extras\[0\]\.severities\[0\].*not a severity class/s);
    expect(bad([{ ...one, within: { amount: -1, unit: 'hours' } }])).toThrow(/extras\[0\]\.within\.amount/);
  });
});
