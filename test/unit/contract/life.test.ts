/** A contract's life (issue 14 item 9): status transitions, the term, and force majeure's extension. */
import { contractTransition, extendedEnd, forceMajeureDays, termProblem } from '../../../src/domain/contract/life';

const H = 3_600_000;
const D = 24 * H;
const T = Date.UTC(2026, 6, 10, 2, 0, 0);

describe('status transitions', () => {
  it('suspend → resume → terminate; terminated is final', () => {
    expect(contractTransition('active', 'suspend')).toEqual({ to: 'suspended' });
    expect(contractTransition('suspended', 'resume')).toEqual({ to: 'active' });
    expect(contractTransition('suspended', 'terminate')).toEqual({ to: 'terminated' });
    expect(contractTransition('active', 'terminate')).toEqual({ to: 'terminated' });
    expect(contractTransition('active', 'resume')).toEqual({ refused: expect.stringContaining('only one that is suspended') });
    expect(contractTransition('suspended', 'suspend')).toEqual({ refused: expect.stringContaining('cannot suspend') });
    for (const action of ['suspend', 'resume', 'terminate'] as const) {
      expect(contractTransition('terminated', action)).toEqual({ refused: expect.stringContaining('final') });
    }
  });
});

describe('force majeure extends the term', () => {
  it('every started day counts as a whole day', () => {
    expect(forceMajeureDays([])).toEqual({ days: 0, pausedMs: 0 });
    expect(forceMajeureDays([{ from: T, to: T + 1000 }])).toEqual({ days: 1, pausedMs: 1000 });
    expect(forceMajeureDays([{ from: T, to: T + D }]).days).toBe(1);
    expect(forceMajeureDays([{ from: T, to: T + D + 1 }]).days).toBe(2);
  });

  it('one event pausing several incidents counts once (the union of the pauses), rounded up once over the total', () => {
    const pauses = [
      { from: T, to: T + 30 * H },
      { from: T + 10 * H, to: T + 40 * H }, // overlaps the first
      { from: T + 3 * D, to: T + 3 * D + H }, // a separate event
    ];
    // 40 h + 1 h paused = 41 h: two started days (not 30 + 30 + 1 hours, not rounded per pause).
    expect(forceMajeureDays(pauses)).toEqual({ days: 2, pausedMs: 41 * H });
  });

  it('moves endsOn by the days; an open-ended contract stays open', () => {
    expect(extendedEnd('2026-12-31', 3)).toBe('2027-01-03');
    expect(extendedEnd('2026-12-31', 0)).toBe('2026-12-31');
    expect(extendedEnd(null, 3)).toBeNull();
  });
});

describe('the term', () => {
  const term = { startsOn: '2026-01-01', effectiveEndsOn: '2026-12-31' };
  it('both ends inclusive, read in the calendar zone', () => {
    expect(termProblem({ ...term, zone: 'Asia/Shanghai', reportedAt: Date.parse('2025-12-31T16:00:00Z') })).toBeUndefined(); // 1 Jan 00:00 in Shanghai
    expect(termProblem({ ...term, zone: 'UTC', reportedAt: Date.parse('2025-12-31T16:00:00Z') })).toMatch(
      /before the contract term starts on 2026-01-01/,
    );
    expect(termProblem({ ...term, zone: 'Asia/Shanghai', reportedAt: Date.parse('2026-12-31T15:59:59Z') })).toBeUndefined();
    expect(termProblem({ ...term, zone: 'Asia/Shanghai', reportedAt: Date.parse('2026-12-31T16:00:00Z') })).toMatch(
      /reported on 2027-01-01 \(Asia\/Shanghai\), after the contract term ended on 2026-12-31/,
    );
    expect(termProblem({ startsOn: null, effectiveEndsOn: null, zone: 'UTC', reportedAt: 0 })).toBeUndefined();
  });
});
