/**
 * A duration on a clock — { amount, unit, endOfDay? }, a target adding its anchor — defined once:
 * its validation (field paths, the engine's limits), its TypeScript type and its OpenAPI schema.
 */
import { TARGET_ANCHORS, type TargetAnchor } from '../catalogue';
import { refineAlways, z } from '../validation';
import { durationLimitProblem, endOfDayProblem } from './engine';
import { DURATION_UNITS, type DurationUnit } from './types';

/** Upper bound on any duration amount, whatever the unit (keeps every deadline far inside the Date range). */
export const MAX_DURATION_AMOUNT = 1_000_000;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const unitSchema = (units: readonly [DurationUnit, ...DurationUnit[]]) =>
  z.enum(units, { error: (iss) => (iss.input === undefined ? 'missing' : `must be one of ${units.join(', ')}`) });

/** The fields of every duration (its type is Duration, src/domain/clock/types.ts). */
const DURATION_SHAPE = {
  unit: unitSchema(DURATION_UNITS),
  amount: z
    .number({ error: (iss) => (iss.input === undefined ? 'missing' : 'must be a positive number') })
    .positive({ error: 'must be a positive number' })
    .max(MAX_DURATION_AMOUNT, { error: `must be at most ${MAX_DURATION_AMOUNT}` }),
  endOfDay: z
    .literal(true, { error: 'must be true, or left out' })
    .optional()
    .meta({ description: "With workingDays: due at the close of the amount-th working day (1 = the same working day, as in '当日内')" }),
};

/** The rules across a duration's fields: endOfDay needs workingDays, whole working days, the engine's limits. */
const durationRules = refineAlways<unknown>((value, ctx) => {
  if (!isObject(value) || typeof value.amount !== 'number' || !(value.amount > 0) || value.amount > MAX_DURATION_AMOUNT) return;
  if (!(DURATION_UNITS as readonly unknown[]).includes(value.unit)) return;
  const unit = value.unit as DurationUnit;
  if (value.endOfDay === true && endOfDayProblem(unit)) {
    ctx.addIssue({ code: 'custom', path: ['endOfDay'], message: endOfDayProblem(unit)! });
    return;
  }
  if (unit === 'workingDays' && !Number.isInteger(value.amount)) {
    ctx.addIssue({ code: 'custom', path: ['amount'], message: 'must be an integer for workingDays' });
    return;
  }
  const problem = durationLimitProblem(value.amount, unit);
  if (problem) ctx.addIssue({ code: 'custom', path: ['amount'], message: problem });
});

const objectError = (fields: string) => (iss: { code?: string; input?: unknown }) =>
  iss.code === 'invalid_type' ? (iss.input === undefined ? 'missing' : `must be an object { ${fields} }`) : undefined;

/** Any duration: wall or working units, endOfDay allowed with workingDays. */
export const DurationSchema = z
  .strictObject(DURATION_SHAPE, { error: objectError('amount, unit, endOfDay?') })
  .check(durationRules)
  .meta({ id: 'Duration' });

/**
 * A duration with its units restricted (wall units only: no endOfDay, a close is a working day's)
 * and/or an anchor with its default (a target).
 */
export function durationSchema(options: { units?: readonly DurationUnit[]; defaultAnchor?: TargetAnchor } = {}) {
  const withAnchor = options.defaultAnchor !== undefined;
  const { endOfDay, ...fixed } = DURATION_SHAPE;
  const shape = {
    ...fixed,
    ...(options.units ? { unit: unitSchema(options.units as readonly [DurationUnit, ...DurationUnit[]]) } : { endOfDay }),
    ...(withAnchor
      ? { anchor: z.enum(TARGET_ANCHORS, { error: `must be one of ${TARGET_ANCHORS.join(', ')}` }).default(options.defaultAnchor!) }
      : {}),
  };
  const fields = `amount, unit${withAnchor ? ', anchor' : ''}${options.units ? '' : ', endOfDay?'}`;
  return z.strictObject(shape, { error: objectError(fields) }).check(durationRules);
}
