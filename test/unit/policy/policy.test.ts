import { DomainValidationError, FieldIssue, IssueCollector } from '../../../src/domain/errors';
import {
  MAX_DURATION_AMOUNT,
  PolicyDefinition,
  RUNGS,
  RUNG_TARGETS,
  checkDuration,
  checkPolicyDefinition,
  getTarget,
  hasSeverity,
  isWallUnit,
  listTargets,
  severityNames,
  validatePolicyDefinition,
} from '../../../src/domain/policy/policy';

/** A complete severity with no anchors given (so defaults apply). */
function severity(): Record<string, Record<string, Record<string, unknown>>> {
  return {
    triage: { respondWithin: { amount: 1, unit: 'hours' } },
    remote: { startWithin: { amount: 30, unit: 'minutes' }, resolveWithin: { amount: 2, unit: 'hours' } },
    onsite: { arriveWithin: { amount: 4, unit: 'hours' } },
    spare: { triggerAfter: { amount: 8, unit: 'hours' }, deliverWithin: { amount: 24, unit: 'hours' } },
    expert: { triggerAfter: { amount: 4, unit: 'hours' }, conveneWithin: { amount: 4, unit: 'hours' } },
    penalty: { restoreWithin: { amount: 2, unit: 'hours' } },
    signOff: { within: { amount: 24, unit: 'hours' } },
    faultReport: { deliverWithin: { amount: 2, unit: 'workingDays' } },
  };
}

function policy(): { severities: Record<string, ReturnType<typeof severity>> } {
  return { severities: { urgent: severity(), serious: severity(), general: severity() } };
}

function issuesOf(fn: () => unknown): FieldIssue[] {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainValidationError);
    return (e as DomainValidationError).issues;
  }
  throw new Error('expected a DomainValidationError');
}

function messagesOf(fn: () => unknown): string[] {
  return issuesOf(fn).map((i) => `${i.path}: ${i.message}`);
}

describe('RUNG_TARGETS', () => {
  it('lists the fixed target slots in ladder order', () => {
    expect(RUNG_TARGETS.map((s) => s.key)).toEqual([
      'triage.respondWithin',
      'remote.startWithin',
      'remote.resolveWithin',
      'onsite.arriveWithin',
      'spare.triggerAfter',
      'spare.deliverWithin',
      'expert.triggerAfter',
      'expert.conveneWithin',
      'penalty.restoreWithin',
      'signOff.within',
      'faultReport.deliverWithin',
      'progress.updateEvery',
    ]);
  });

  it('keys are rung.field and every rung has a slot', () => {
    for (const s of RUNG_TARGETS) expect(s.key).toBe(`${s.rung}.${s.field}`);
    expect([...new Set(RUNG_TARGETS.map((s) => s.rung))]).toEqual([...RUNGS]);
  });

  it('default anchors: counted from the rung for on-site, spare delivery, experts, sign-off, fault report', () => {
    const rungStart = RUNG_TARGETS.filter((s) => s.defaultAnchor === 'rungStart').map((s) => s.key);
    expect(rungStart).toEqual([
      'onsite.arriveWithin',
      'spare.deliverWithin',
      'expert.conveneWithin',
      'signOff.within',
      'faultReport.deliverWithin',
    ]);
  });
});

describe('validatePolicyDefinition — valid input', () => {
  it('accepts a complete policy and fills in default anchors', () => {
    const def = validatePolicyDefinition(policy());
    const u = def.severities.urgent;
    expect(u.triage!.respondWithin).toEqual({ amount: 1, unit: 'hours', anchor: 'report' });
    expect(u.remote!.startWithin.anchor).toBe('report');
    expect(u.remote!.resolveWithin.anchor).toBe('report');
    expect(u.onsite!.arriveWithin.anchor).toBe('rungStart');
    expect(u.spare!.triggerAfter.anchor).toBe('report');
    expect(u.spare!.deliverWithin.anchor).toBe('rungStart');
    expect(u.expert!.triggerAfter.anchor).toBe('report');
    expect(u.expert!.conveneWithin.anchor).toBe('rungStart');
    expect(u.penalty!.restoreWithin.anchor).toBe('report');
    expect(u.signOff!.within.anchor).toBe('rungStart');
    expect(u.faultReport!.deliverWithin).toEqual({ amount: 2, unit: 'workingDays', anchor: 'rungStart' });
  });

  it('keeps explicit anchors, both ways', () => {
    const input = policy();
    input.severities.urgent.onsite!.arriveWithin.anchor = 'report';
    input.severities.urgent.triage!.respondWithin.anchor = 'rungStart';
    input.severities.urgent.signOff!.within.anchor = 'rungStart';
    const def = validatePolicyDefinition(input);
    expect(def.severities.urgent.onsite!.arriveWithin.anchor).toBe('report');
    expect(def.severities.urgent.triage!.respondWithin.anchor).toBe('rungStart');
    expect(def.severities.serious.onsite!.arriveWithin.anchor).toBe('rungStart');
  });

  it('treats an explicit undefined anchor as omitted', () => {
    const input = policy();
    input.severities.urgent.onsite!.arriveWithin.anchor = undefined;
    expect(validatePolicyDefinition(input).severities.urgent.onsite!.arriveWithin.anchor).toBe('rungStart');
  });

  it('returns a copy: the input is not modified and later edits to it do not leak', () => {
    const input = policy();
    const snapshot = JSON.parse(JSON.stringify(input));
    const def = validatePolicyDefinition(input);
    expect(input).toEqual(snapshot);
    input.severities.urgent.triage!.respondWithin.amount = 99;
    expect(def.severities.urgent.triage!.respondWithin.amount).toBe(1);
    expect(def.severities.urgent).not.toBe(input.severities.urgent);
  });

  it('accepts every duration unit, fractional wall and working-hour amounts', () => {
    const input = policy();
    const units = ['seconds', 'minutes', 'hours', 'days', 'workingMinutes', 'workingHours', 'workingDays'];
    const s = input.severities.urgent;
    s.triage.respondWithin = { amount: 1.5, unit: 'seconds' };
    s.remote.startWithin = { amount: 0.5, unit: 'minutes' };
    s.remote.resolveWithin = { amount: 2.25, unit: 'hours' };
    s.onsite.arriveWithin = { amount: 1, unit: 'days' };
    s.spare.triggerAfter = { amount: 90, unit: 'workingMinutes' };
    s.spare.deliverWithin = { amount: 16, unit: 'workingHours' };
    s.expert.triggerAfter = { amount: 2, unit: 'workingDays' };
    const def = validatePolicyDefinition(input);
    expect(
      listTargets(def, 'urgent')
        .slice(0, 7)
        .map((t) => t.target.unit),
    ).toEqual(units);
    expect(def.severities.urgent.triage!.respondWithin.amount).toBe(1.5);
  });

  it('accepts the largest amount and severity names within the pattern', () => {
    const input = policy();
    input.severities.urgent.penalty!.restoreWithin = { amount: MAX_DURATION_AMOUNT, unit: 'seconds' };
    const names = ['p1', 'a', 'critical', 'a_b-c9', 'x'.repeat(32)];
    const severities: Record<string, unknown> = {};
    for (const n of names) severities[n] = severity();
    expect(Object.keys(validatePolicyDefinition({ severities }).severities)).toEqual(names);
    expect(() => validatePolicyDefinition(input)).not.toThrow();
  });

  it('refuses a target the clock engine cannot compute (longer than 3650 days)', () => {
    const input = policy();
    input.severities.urgent.penalty.restoreWithin = { amount: 3651, unit: 'days' };
    expect(messagesOf(() => validatePolicyDefinition(input))).toEqual([
      'severities.urgent.penalty.restoreWithin.amount: too large: at most the equivalent of 3650 days',
    ]);
  });

  it('keeps the severity order of the input (most severe first, as written)', () => {
    const def = validatePolicyDefinition({ severities: { minor: severity(), critical: severity(), major: severity() } });
    expect(severityNames(def)).toEqual(['minor', 'critical', 'major']);
  });

  it('accepts a single severity class', () => {
    expect(severityNames(validatePolicyDefinition({ severities: { fault: severity() } }))).toEqual(['fault']);
  });

  it('accepts frozen input', () => {
    const input = policy();
    const freeze = (o: unknown): void => {
      if (o && typeof o === 'object') {
        Object.freeze(o);
        Object.values(o).forEach(freeze);
      }
    };
    freeze(input);
    expect(() => validatePolicyDefinition(input)).not.toThrow();
  });
});

describe('validatePolicyDefinition — refusals with field paths', () => {
  it('refuses a non-object root', () => {
    for (const bad of [null, undefined, 'x', 42, [], true]) {
      expect(messagesOf(() => validatePolicyDefinition(bad))).toEqual(['(root): must be an object { severities }']);
    }
  });

  it('prefixes every path with the given path (with or without a trailing dot)', () => {
    expect(messagesOf(() => validatePolicyDefinition(null, 'policy'))).toEqual(['policy: must be an object { severities }']);
    const input = policy();
    input.severities.urgent.triage.respondWithin.unit = 'weeks';
    expect(issuesOf(() => validatePolicyDefinition(input, 'policy'))[0].path).toBe('policy.severities.urgent.triage.respondWithin.unit');
    expect(issuesOf(() => validatePolicyDefinition(input, 'definition.'))[0].path).toBe(
      'definition.severities.urgent.triage.respondWithin.unit',
    );
    expect(messagesOf(() => validatePolicyDefinition(null, 'definition.'))).toEqual(['definition: must be an object { severities }']);
  });

  it('refuses unknown top-level fields', () => {
    expect(messagesOf(() => validatePolicyDefinition({ ...policy(), name: 'x' }))).toEqual(['name: unknown field']);
  });

  it('refuses missing, non-object and empty severities', () => {
    expect(messagesOf(() => validatePolicyDefinition({}))).toEqual(['severities: missing']);
    expect(messagesOf(() => validatePolicyDefinition({ severities: undefined }))).toEqual(['severities: missing']);
    expect(messagesOf(() => validatePolicyDefinition({ severities: [] }))).toEqual([
      'severities: must be an object mapping severity class names to rung targets',
    ]);
    expect(messagesOf(() => validatePolicyDefinition({ severities: 'urgent' }))).toEqual([
      'severities: must be an object mapping severity class names to rung targets',
    ]);
    expect(messagesOf(() => validatePolicyDefinition({ severities: {} }))).toEqual(['severities: must define at least one severity class']);
  });

  it('refuses severity class names outside ^[a-z][a-z0-9_-]{0,31}$', () => {
    for (const name of ['Urgent', '1st', '_x', '-x', 'ur gent', '紧急', 'x'.repeat(33), '', 'a.b', '__proto__']) {
      const severities: Record<string, unknown> = {};
      Object.defineProperty(severities, name, { value: severity(), enumerable: true });
      const issues = issuesOf(() => validatePolicyDefinition({ severities }));
      expect(issues).toHaveLength(1);
      expect(issues[0].path).toBe(`severities.${name}`);
      expect(issues[0].message).toMatch(/must match/);
    }
  });

  it('refuses a severity that is not an object', () => {
    expect(messagesOf(() => validatePolicyDefinition({ severities: { urgent: null } }))).toEqual([
      'severities.urgent: must be an object with the rungs it promises, of triage, remote, onsite, spare, expert, penalty, signOff, faultReport, progress',
    ]);
  });

  it('refuses an unknown rung, a missing target of a promised rung, and a class that promises nothing', () => {
    const input = policy();
    delete (input.severities.general as Record<string, { deliverWithin?: unknown }>).spare!.deliverWithin;
    (input.severities.urgent as Record<string, unknown>).foo = { x: 1 };
    (input.severities as Record<string, unknown>).empty = {};
    expect(messagesOf(() => validatePolicyDefinition(input))).toEqual([
      'severities.urgent.foo: unknown rung',
      'severities.general.spare.deliverWithin: missing',
      'severities.empty: must promise at least one rung (of triage, remote, onsite, spare, expert, penalty, signOff, faultReport, progress)',
    ]);
  });

  it('accepts a class without the rungs its letter does not promise, and keeps them absent', () => {
    const input = policy();
    for (const rung of ['remote', 'spare', 'expert'] as const) delete (input.severities.general as Record<string, unknown>)[rung];
    const def = validatePolicyDefinition(input);
    expect(Object.keys(def.severities.general)).toEqual(['triage', 'onsite', 'penalty', 'signOff', 'faultReport']);
    expect(listTargets(def, 'general').map((t) => t.key)).toEqual([
      'triage.respondWithin',
      'onsite.arriveWithin',
      'penalty.restoreWithin',
      'signOff.within',
      'faultReport.deliverWithin',
    ]);
    expect(getTarget(def, 'general', 'spare.triggerAfter')).toBeUndefined();
  });

  it('refuses a rung that is not an object', () => {
    const input = policy();
    (input.severities.urgent as Record<string, unknown>).remote = 30;
    expect(messagesOf(() => validatePolicyDefinition(input))).toEqual([
      'severities.urgent.remote: must be an object { startWithin, resolveWithin }',
    ]);
  });

  it('refuses a missing target and an unknown target', () => {
    const input = policy();
    delete input.severities.urgent.remote.resolveWithin;
    input.severities.urgent.remote.finishWithin = { amount: 1, unit: 'hours' };
    expect(messagesOf(() => validatePolicyDefinition(input))).toEqual([
      'severities.urgent.remote.finishWithin: unknown target (expected startWithin, resolveWithin)',
      'severities.urgent.remote.resolveWithin: missing',
    ]);
  });

  it('refuses a target that is not an object', () => {
    const input = policy();
    (input.severities.urgent.triage as Record<string, unknown>).respondWithin = '1h';
    expect(messagesOf(() => validatePolicyDefinition(input))).toEqual([
      'severities.urgent.triage.respondWithin: must be an object { amount, unit, anchor, endOfDay? }',
    ]);
  });

  it('refuses a missing or unknown unit', () => {
    const input = policy();
    delete input.severities.urgent.triage.respondWithin.unit;
    input.severities.urgent.onsite.arriveWithin.unit = 'weeks';
    input.severities.urgent.penalty.restoreWithin.unit = 'Hours';
    input.severities.urgent.signOff.within.unit = 7;
    const units = 'seconds, minutes, hours, days, workingMinutes, workingHours, workingDays';
    expect(messagesOf(() => validatePolicyDefinition(input))).toEqual([
      'severities.urgent.triage.respondWithin.unit: missing',
      `severities.urgent.onsite.arriveWithin.unit: must be one of ${units}`,
      `severities.urgent.penalty.restoreWithin.unit: must be one of ${units}`,
      `severities.urgent.signOff.within.unit: must be one of ${units}`,
    ]);
  });

  it('refuses amounts that are not positive finite numbers', () => {
    for (const bad of [0, -1, -0.5, Number.NaN, Number.POSITIVE_INFINITY, '2', null, true, {}]) {
      const input = policy();
      input.severities.urgent.triage.respondWithin.amount = bad;
      expect(messagesOf(() => validatePolicyDefinition(input))).toEqual([
        'severities.urgent.triage.respondWithin.amount: must be a positive number',
      ]);
    }
    const input = policy();
    delete input.severities.urgent.triage.respondWithin.amount;
    expect(messagesOf(() => validatePolicyDefinition(input))).toEqual(['severities.urgent.triage.respondWithin.amount: missing']);
  });

  it('refuses absurdly large amounts', () => {
    const input = policy();
    input.severities.urgent.triage.respondWithin.amount = MAX_DURATION_AMOUNT + 1;
    expect(messagesOf(() => validatePolicyDefinition(input))).toEqual([
      `severities.urgent.triage.respondWithin.amount: must be at most ${MAX_DURATION_AMOUNT}`,
    ]);
  });

  it('refuses fractional working days but not fractional working hours', () => {
    const input = policy();
    input.severities.urgent.faultReport.deliverWithin = { amount: 1.5, unit: 'workingDays' };
    input.severities.urgent.spare.deliverWithin = { amount: 1.5, unit: 'workingHours' };
    expect(messagesOf(() => validatePolicyDefinition(input))).toEqual([
      'severities.urgent.faultReport.deliverWithin.amount: must be an integer for workingDays',
    ]);
  });

  it('refuses an anchor other than report or rungStart', () => {
    for (const bad of ['start', 'REPORT', '', 1, null]) {
      const input = policy();
      input.severities.urgent.onsite.arriveWithin.anchor = bad;
      expect(messagesOf(() => validatePolicyDefinition(input))).toEqual([
        'severities.urgent.onsite.arriveWithin.anchor: must be one of report, rungStart',
      ]);
    }
  });

  it('refuses unknown fields on a target', () => {
    const input = policy();
    input.severities.urgent.triage.respondWithin.clock = 'wall';
    expect(messagesOf(() => validatePolicyDefinition(input))).toEqual(['severities.urgent.triage.respondWithin.clock: unknown field']);
  });

  it('lists every problem at once, across severities', () => {
    const input = policy();
    input.severities.urgent.triage.respondWithin = { amount: -1, unit: 'weeks', anchor: 'x' } as never;
    delete (input.severities.serious.penalty as Record<string, unknown>).restoreWithin;
    (input.severities.general as Record<string, unknown>).bogus = {};
    const badName: Record<string, unknown> = { ...input.severities, Bad: severity() };
    const messages = messagesOf(() => validatePolicyDefinition({ severities: badName, extra: 1 }));
    expect(messages).toEqual([
      'extra: unknown field',
      'severities.urgent.triage.respondWithin.unit: must be one of seconds, minutes, hours, days, workingMinutes, workingHours, workingDays',
      'severities.urgent.triage.respondWithin.amount: must be a positive number',
      'severities.urgent.triage.respondWithin.anchor: must be one of report, rungStart',
      'severities.serious.penalty.restoreWithin: missing',
      'severities.general.bogus: unknown rung',
      expect.stringMatching(/^severities\.Bad: severity class name must match/),
    ]);
  });

  it('error message joins every issue', () => {
    try {
      validatePolicyDefinition({ severities: {} });
    } catch (e) {
      expect((e as Error).message).toBe('severities: must define at least one severity class');
      expect((e as Error).name).toBe('DomainValidationError');
    }
  });
});

describe('checkPolicyDefinition', () => {
  it('adds to a shared collector and returns undefined on problems', () => {
    const issues = new IssueCollector();
    issues.add('name', 'already wrong');
    expect(checkPolicyDefinition({ severities: {} }, 'policy', issues)).toBeUndefined();
    expect(issues.issues.map((i) => i.path)).toEqual(['name', 'policy.severities']);
  });

  it('returns the normalized policy when fine even if the collector already had issues', () => {
    const issues = new IssueCollector();
    issues.add('name', 'already wrong');
    expect(checkPolicyDefinition(policy(), 'policy', issues)?.severities.urgent.onsite?.arriveWithin.anchor).toBe('rungStart');
  });
});

describe('checkDuration', () => {
  it('without an anchor option, an anchor is an unknown field', () => {
    const issues = new IssueCollector();
    expect(checkDuration({ amount: 1, unit: 'days', anchor: 'report' }, 'period', issues)).toBeUndefined();
    expect(issues.issues).toEqual([{ path: 'period.anchor', message: 'unknown field' }]);
  });

  it('restricts units when asked', () => {
    const issues = new IssueCollector();
    expect(checkDuration({ amount: 1, unit: 'workingDays' }, 'period', issues, { units: ['days', 'hours'] })).toBeUndefined();
    expect(issues.issues).toEqual([{ path: 'period.unit', message: 'must be one of days, hours' }]);
    expect(checkDuration({ amount: 2, unit: 'hours' }, 'period', new IssueCollector(), { units: ['days', 'hours'] })).toEqual({
      amount: 2,
      unit: 'hours',
    });
  });

  it('labels a non-object at the root', () => {
    const issues = new IssueCollector();
    checkDuration(5, '', issues);
    expect(issues.issues).toEqual([{ path: '(root)', message: 'must be an object { amount, unit, endOfDay? }' }]);
  });
});

describe('reading a policy', () => {
  const def: PolicyDefinition = validatePolicyDefinition(policy());

  it('listTargets gives every slot the class promises in ladder order with its rung', () => {
    const list = listTargets(def, 'serious');
    // The policy promises every rung but the optional progress-update cadence.
    const promised = RUNG_TARGETS.filter((s) => s.rung !== 'progress');
    expect(list.map((t) => t.key)).toEqual(promised.map((s) => s.key));
    expect(list.map((t) => t.rung)).toEqual(promised.map((s) => s.rung));
    expect(list[0]).toEqual({ key: 'triage.respondWithin', rung: 'triage', target: { amount: 1, unit: 'hours', anchor: 'report' } });
    expect(list[3]).toEqual({ key: 'onsite.arriveWithin', rung: 'onsite', target: { amount: 4, unit: 'hours', anchor: 'rungStart' } });
  });

  it('listTargets refuses an unknown severity with a clear reason', () => {
    expect(messagesOf(() => listTargets(def, 'critical'))).toEqual([
      'severity: unknown severity class "critical" (policy defines urgent, serious, general)',
    ]);
    expect(() => listTargets(def, 'toString')).toThrow(DomainValidationError);
  });

  it('getTarget reads one slot', () => {
    expect(getTarget(def, 'general', 'spare.deliverWithin')).toEqual({ amount: 24, unit: 'hours', anchor: 'rungStart' });
    expect(() => getTarget(def, 'nope', 'spare.deliverWithin')).toThrow(DomainValidationError);
    expect(() => getTarget(def, 'general', 'spare.nope' as never)).toThrow(/unknown target/);
  });

  it('hasSeverity / severityNames', () => {
    expect(hasSeverity(def, 'urgent')).toBe(true);
    expect(hasSeverity(def, 'constructor')).toBe(false);
    expect(severityNames(def)).toEqual(['urgent', 'serious', 'general']);
  });

  it('isWallUnit', () => {
    expect(['seconds', 'minutes', 'hours', 'days'].every((u) => isWallUnit(u as never))).toBe(true);
    expect(['workingMinutes', 'workingHours', 'workingDays'].some((u) => isWallUnit(u as never))).toBe(false);
  });
});
