import {
  allowedSteps,
  closeWithReport,
  emptyEffects,
  payloadRefusal,
  refusal,
  stateRefusal,
  stepNames,
  type StepName,
  type StepPayloads,
  type IncidentState,
  type Stage,
} from '../../../src/domain/ladder';
import { makePolicy, payloadFor, Run, runAtStage, sec, SEC, targets } from './helpers';

/** The stage clause of a refusal, as the ladder words it (DESIGN §4: "rejected with a clear reason"). */
const STAGE_WORDS: Record<Stage, string> = {
  triage: 'the call has not been acknowledged yet',
  remote: 'no remote session has been started yet',
  diagnosing: 'the remote diagnosis is still running',
  dispatch: 'no engineer has been dispatched yet',
  en_route: 'the engineer is dispatched but not on site yet',
  onsite: 'the engineer is on site',
  restored: 'service is already restored and awaits the customer sign-off',
  closed: 'the incident is closed',
};
const needs = (step: StepName, expected: Stage, actual: Stage): string =>
  `${step} needs stage ${expected}, but ${STAGE_WORDS[actual]} (stage ${actual})`;

const SPARE_CLOSED = 'the spare unit rung has not opened (it opens at spare.triggerAfter)';
const EXPERTS_CLOSED = 'expert consultation has not opened (flag a major problem or wait for expert.triggerAfter)';
const RESTORED = 'service is already restored';
const NOT_ACKED = 'the call has not been acknowledged yet';
const NOT_PAUSED = 'the clocks are not paused';
const PAUSED = 'the clocks are paused: resume first';
const NO_COMMITMENT = "no extra commitment of the incident's policy is met by this step";

type Row = Record<StepName, string | null>;

/** Expected stateRefusal for every step in every open stage (no spare/expert rung open, nothing flagged). */
function openStageRow(stage: Stage): Row {
  const restored = stage === 'restored' || stage === 'closed';
  const gate = (step: StepName, expected: Stage): string | null => (stage === expected ? null : needs(step, expected, stage));
  return {
    acknowledge: gate('acknowledge', 'triage'),
    remoteSession: gate('remoteSession', 'remote'),
    diagnosis: gate('diagnosis', 'diagnosing'),
    dispatch: gate('dispatch', 'dispatch'),
    arrive: gate('arrive', 'en_route'),
    spare: restored ? RESTORED : SPARE_CLOSED,
    majorProblem: restored ? RESTORED : null,
    experts: EXPERTS_CLOSED,
    progressUpdate: restored ? RESTORED : null,
    commitmentMet: NO_COMMITMENT,
    restore: stage === 'triage' ? NOT_ACKED : restored ? RESTORED : null,
    signOff: gate('signOff', 'restored'),
    pause: null,
    resume: NOT_PAUSED,
    reclassify: null,
    exclude: null,
    cancel: null,
  };
}

const OPEN_STAGES: Stage[] = ['triage', 'remote', 'diagnosing', 'dispatch', 'en_route', 'onsite', 'restored', 'closed'];
const CLOSING = 'the incident is signed off and closing';

/** Incident in a stage, `at` = a quiet instant (nothing falls due then). */
function setup(name: string): { run: Run; at: number } {
  if ((OPEN_STAGES as string[]).includes(name)) {
    const { run, at } = runAtStage(name as Stage);
    return { run, at: at + SEC };
  }
  switch (name) {
    case 'paused': {
      const { run, at } = runAtStage('diagnosing');
      run.step('pause', at + SEC);
      return { run, at: at + 2 * SEC };
    }
    case 'paused after restore': {
      const { run, at } = runAtStage('restored');
      run.step('pause', at + SEC);
      return { run, at: at + 2 * SEC };
    }
    case 'status closed': {
      const { run, at } = runAtStage('closed');
      closeWithReport(run.ctx, run.state, emptyEffects(), at + SEC);
      return { run, at: at + 2 * SEC };
    }
    case 'status cancelled': {
      const run = new Run();
      run.step('cancel', run.t0 + 5 * SEC);
      return { run, at: run.t0 + 6 * SEC };
    }
    case 'status excluded': {
      const { run, at } = runAtStage('onsite');
      run.step('exclude', at + SEC);
      return { run, at: at + 2 * SEC };
    }
    default:
      throw new Error(name);
  }
}

function everyStep(value: (step: StepName) => string | null): Row {
  return Object.fromEntries(stepNames().map((s) => [s, value(s)])) as Row;
}

const MATRIX: Array<[string, Row]> = [
  ...OPEN_STAGES.map((stage): [string, Row] => [stage, stage === 'closed' ? everyStep(() => CLOSING) : openStageRow(stage)]),
  ['paused', everyStep((s) => (s === 'resume' || s === 'reclassify' || s === 'exclude' || s === 'cancel' ? null : PAUSED))],
  ['paused after restore', everyStep((s) => (s === 'resume' || s === 'reclassify' || s === 'exclude' || s === 'cancel' ? null : PAUSED))],
  ['status closed', everyStep(() => 'the incident is closed')],
  ['status cancelled', everyStep(() => 'the incident is cancelled')],
  ['status excluded', everyStep(() => 'the incident is excluded')],
];

describe('step × stage matrix', () => {
  it('covers every step', () => {
    for (const [, row] of MATRIX) expect(Object.keys(row).sort()).toEqual([...stepNames()].sort());
  });

  describe.each(MATRIX)('in %s', (name, row) => {
    it.each(stepNames().map((s) => [s, row[s]] as const))('%s → %p', (step, expected) => {
      const { run, at } = setup(name);
      run.tick(at);
      expect(stateRefusal(run.state, step)).toBe(expected);
      // With a valid payload the full refusal is the state refusal.
      expect(refusal(run.ctx, run.state, step, payloadFor(step))).toBe(expected);
      expect(allowedSteps(run.state).includes(step)).toBe(expected === null);

      const before = run.snapshot();
      const { refused, effects } = run.attempt(step, payloadFor(step), at);
      expect(refused).toBe(expected);
      if (expected === null) {
        // Accepted: recorded on the timeline as the step, by its actor, at `now`.
        const ev = effects.events.find((e) => e.kind === `step:${step}`);
        expect(ev).toMatchObject({ at, actor: payloadFor(step).actor });
        expect(ev!.seq).toBe(before.seq + 1);
      } else {
        // Refused: nothing changed, nothing to do.
        expect(run.state).toEqual(before);
        expect(effects).toEqual(emptyEffects());
      }
    });
  });
});

describe('rung-specific refusals', () => {
  it('spare: allowed in any open stage once the trigger fired, refused once delivered', () => {
    for (const stage of ['triage', 'remote', 'diagnosing', 'dispatch', 'en_route', 'onsite'] as Stage[]) {
      // Spare trigger at 100 s: before any other target of the walk can escalate the stage.
      const run = new Run({ policy: makePolicy({ urgent: targets({ spare: { triggerAfter: sec(100) } }), general: targets({}, 2) }) });
      const t = (s: number) => run.t0 + s * SEC;
      const walk: Array<[StepName, number]> = [
        ['acknowledge', 10],
        ['remoteSession', 20],
        ['diagnosis', 30],
        ['dispatch', 40],
        ['arrive', 50],
      ];
      const idx = ['triage', 'remote', 'diagnosing', 'dispatch', 'en_route', 'onsite'].indexOf(stage);
      for (const [s, at] of walk.slice(0, idx)) run.step(s, t(at));
      run.tick(t(150));
      expect(run.state.stage).toBe(stage);
      expect(stateRefusal(run.state, 'spare')).toBeNull();
      run.step('spare', t(160), { unitId: 'SP-9' });
      expect(stateRefusal(run.state, 'spare')).toBe('spare unit SP-9 was already delivered');
    }
  });

  it('majorProblem: refused once flagged, and once the expert rung opened on its trigger', () => {
    const flagged = new Run();
    flagged.step('majorProblem', flagged.t0 + 5 * SEC);
    expect(stateRefusal(flagged.state, 'majorProblem')).toBe('a major technical problem is already flagged');
    expect(stateRefusal(flagged.state, 'experts')).toBeNull();

    const triggered = new Run();
    triggered.tick(triggered.t0 + 1200 * SEC);
    expect(triggered.state.rungsOpenedAt.expert).toBe(triggered.t0 + 1200 * SEC);
    expect(stateRefusal(triggered.state, 'majorProblem')).toBe('expert consultation is already open');
  });

  it('experts: refused once convened', () => {
    const run = new Run();
    run.step('majorProblem', run.t0 + 5 * SEC);
    run.step('experts', run.t0 + 6 * SEC);
    expect(stateRefusal(run.state, 'experts')).toBe('experts were already convened');
  });

  it('the state refusal takes precedence over a bad payload', () => {
    const run = new Run();
    expect(refusal(run.ctx, run.state, 'dispatch', { actor: '', engineer: '' })).toBe(needs('dispatch', 'dispatch', 'triage'));
    expect(refusal(run.ctx, run.state, 'resume', { actor: '' })).toBe(NOT_PAUSED);
  });

  it('a validator judging a JSON copy (as the workflow does) reaches the same verdicts', () => {
    for (const [name] of MATRIX) {
      const { run, at } = setup(name);
      run.tick(at);
      const probe = JSON.parse(JSON.stringify(run.state)) as IncidentState;
      for (const step of stepNames()) {
        expect(refusal(run.ctx, probe, step, payloadFor(step))).toBe(refusal(run.ctx, run.state, step, payloadFor(step)));
      }
    }
  });
});

type PayloadCase = [string, Stage | 'paused', StepName, unknown, string];
const PAYLOAD_CASES: PayloadCase[] = [
  ['no payload at all', 'triage', 'acknowledge', undefined, 'the step carries no payload (it needs at least its actor)'],
  ['null payload', 'triage', 'acknowledge', null, 'the step carries no payload (it needs at least its actor)'],
  ['missing actor', 'triage', 'acknowledge', {}, 'actor: missing'],
  ['blank actor', 'triage', 'acknowledge', { actor: '   ' }, 'actor: must not be blank'],
  ['non-string actor', 'remote', 'remoteSession', { actor: 42 }, 'actor: must be a string, not a number'],
  ['missing actor on cancel', 'onsite', 'cancel', { reason: 'dup' }, 'actor: missing'],
  [
    'unknown diagnosis outcome',
    'diagnosing',
    'diagnosis',
    { actor: 'a', outcome: 'fixed' },
    'outcome: must be one of needs_onsite, resolved_remotely',
  ],
  ['missing diagnosis outcome', 'diagnosing', 'diagnosis', { actor: 'a' }, 'outcome: must be one of needs_onsite, resolved_remotely'],
  [
    'resolved_remotely without cause',
    'diagnosing',
    'diagnosis',
    { actor: 'a', outcome: 'resolved_remotely', method: 'm' },
    'cause: required when resolved remotely (for the fault report)',
  ],
  [
    'resolved_remotely without method',
    'diagnosing',
    'diagnosis',
    { actor: 'a', outcome: 'resolved_remotely', cause: 'c' },
    'method: required when resolved remotely (for the fault report)',
  ],
  [
    'resolved_remotely with blank cause',
    'diagnosing',
    'diagnosis',
    { actor: 'a', outcome: 'resolved_remotely', cause: ' ', method: 'm' },
    'cause: must not be blank',
  ],
  ['dispatch without engineer', 'dispatch', 'dispatch', { actor: 'a' }, 'engineer: missing'],
  ['dispatch with blank engineer', 'dispatch', 'dispatch', { actor: 'a', engineer: '' }, 'engineer: must not be blank'],
  ['restore without cause', 'onsite', 'restore', { actor: 'a', method: 'm' }, 'cause: missing'],
  ['restore without method', 'onsite', 'restore', { actor: 'a', cause: 'c' }, 'method: missing'],
  ['sign-off without signer', 'restored', 'signOff', { actor: 'a' }, 'signer: missing'],
  [
    'pause with an invalid reason',
    'onsite',
    'pause',
    { actor: 'a', reason: 'lunch' },
    'reason: must be one of waiting_on_customer, force_majeure',
  ],
  ['pause without a reason', 'onsite', 'pause', { actor: 'a' }, 'reason: must be one of waiting_on_customer, force_majeure'],
  ['reclassify without severity', 'onsite', 'reclassify', { actor: 'a' }, 'severity: missing'],
  [
    'reclassify to an unknown severity',
    'onsite',
    'reclassify',
    { actor: 'a', severity: 'critical' },
    "severity critical is not in the incident's policy (one of: urgent, general)",
  ],
  ['reclassify to the same severity', 'onsite', 'reclassify', { actor: 'a', severity: 'urgent' }, 'the incident is already urgent'],
  [
    'reclassify while paused, unknown severity',
    'paused',
    'reclassify',
    { actor: 'a', severity: 'minor' },
    "severity minor is not in the incident's policy (one of: urgent, general)",
  ],
  ['exclude without reason', 'onsite', 'exclude', { actor: 'a' }, 'reason: missing'],
  ['cancel with blank reason', 'triage', 'cancel', { actor: 'a', reason: '  ' }, 'reason: must not be blank'],
];

describe('payload refusals', () => {
  it.each(PAYLOAD_CASES)('%s', (_label, where, step, payload, expected) => {
    const { run, at } = setup(where);
    run.tick(at);
    expect(stateRefusal(run.state, step)).toBeNull();
    const p = payload as StepPayloads[typeof step];
    expect(payloadRefusal(run.ctx, run.state, step, p)).toBe(expected);
    const before = run.snapshot();
    const { refused, effects } = run.attempt(step, p, at);
    expect(refused).toBe(expected);
    expect(run.state).toEqual(before);
    expect(effects).toEqual(emptyEffects());
  });

  // Severity lookups use own properties only: inherited keys are unknown severities.
  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    'reclassify to the inherited key %p is refused as an unknown severity',
    (severity) => {
      const { run, at } = setup('onsite');
      expect(refusal(run.ctx, run.state, 'reclassify', { actor: 'a', severity })).toBe(
        `severity ${severity} is not in the incident's policy (one of: urgent, general)`,
      );
      expect(() => run.attempt('reclassify', { actor: 'a', severity }, at)).not.toThrow();
    },
  );

  it('experts must name at least one non-blank expert', () => {
    const run = new Run();
    run.step('majorProblem', run.t0 + 5 * SEC);
    const cases: Array<[unknown, string]> = [
      [[], 'experts: must have at least 1 item'],
      [[' '], 'experts[0]: must not be blank'],
      [['expert:sun', ''], 'experts[1]: must not be blank'],
      [undefined, 'experts: missing'],
      ['expert:sun', 'experts: must be an array, not a string'],
    ];
    for (const [experts, reason] of cases) {
      const p = { actor: 'lead', experts } as unknown as StepPayloads['experts'];
      expect(refusal(run.ctx, run.state, 'experts', p)).toBe(reason);
    }
    expect(refusal(run.ctx, run.state, 'experts', { actor: 'lead', experts: ['expert:sun'] })).toBeNull();
  });

  it('spare needs a unit id', () => {
    const run = new Run();
    run.tick(run.t0 + 900 * SEC);
    expect(refusal(run.ctx, run.state, 'spare', { actor: 'a', unitId: ' ' })).toBe('unitId: must not be blank');
    expect(refusal(run.ctx, run.state, 'spare', { actor: 'a' } as StepPayloads['spare'])).toBe('unitId: missing');
  });

  it('a resolved_remotely diagnosis with cause and method, and a needs_onsite one without, are fine', () => {
    const { run } = runAtStage('diagnosing');
    expect(refusal(run.ctx, run.state, 'diagnosis', { actor: 'a', outcome: 'resolved_remotely', cause: 'c', method: 'm' })).toBeNull();
    expect(refusal(run.ctx, run.state, 'diagnosis', { actor: 'a', outcome: 'needs_onsite' })).toBeNull();
  });

  it('both pause reasons are accepted', () => {
    const run = new Run();
    expect(refusal(run.ctx, run.state, 'pause', { actor: 'a', reason: 'force_majeure' })).toBeNull();
    expect(refusal(run.ctx, run.state, 'pause', { actor: 'a', reason: 'waiting_on_customer' })).toBeNull();
  });

  it('refusal never mutates, even for a step whose payload is refused after advancing', () => {
    const run = new Run();
    run.tick(run.t0 + 61 * SEC); // triage breached
    const before = run.snapshot();
    refusal(run.ctx, run.state, 'reclassify', { actor: 'a', severity: 'urgent' });
    refusal(run.ctx, run.state, 'arrive', { actor: 'a' });
    allowedSteps(run.state);
    expect(run.state).toEqual(before);
  });
});
