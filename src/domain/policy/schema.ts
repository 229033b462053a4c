/**
 * The escalation policy's input shape, built from the catalogue's target slots: one zod schema
 * gives its validation (field paths, unknown fields), its TypeScript type and its OpenAPI schema.
 */
import { ESCALATION_RUNGS, RUNGS, TARGET_SLOTS, type Rung, type TargetSlot } from '../catalogue';
import { durationSchema } from '../clock/duration-schema';
import { WALL_UNITS } from '../clock/types';
import { z } from '../validation';
import type { SeverityTargets, Target } from './policy';

export { durationSchema, MAX_DURATION_AMOUNT } from '../clock/duration-schema';

/** Severity class names: data, e.g. "urgent", "critical", "p1". */
export const SEVERITY_NAME_PATTERN = /^[a-z][a-z0-9_-]{0,31}$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A deadline on a clock counted from its anchor (default: the slot's). */
export const targetSchema = (slot: TargetSlot) =>
  durationSchema({ defaultAnchor: slot.defaultAnchor }).meta({ description: slot.description });

export const TargetSchema = durationSchema({ defaultAnchor: 'report' }).meta({
  id: 'Target',
  description: 'A deadline on a clock: { amount, unit, anchor } — wall units (seconds…days) or working units (workingMinutes…workingDays)',
});

/** A wall-clock duration, e.g. a penalty period. */
export const WallDurationSchema = durationSchema({ units: WALL_UNITS });

function rungSchema(rung: Rung) {
  const slots = TARGET_SLOTS.filter((s) => s.rung === rung);
  const fields = slots.map((s) => s.field).join(', ');
  return z.strictObject(Object.fromEntries(slots.map((slot) => [slot.field, targetSchema(slot)])), {
    error: (iss) =>
      iss.code === 'invalid_type'
        ? iss.input === undefined
          ? 'missing'
          : `must be an object { ${fields} }`
        : iss.code === 'unrecognized_keys'
          ? `unknown target (expected ${fields})`
          : undefined,
  });
}

export const SeverityTargetsSchema = z
  .strictObject(Object.fromEntries(RUNGS.map((rung) => [rung, rungSchema(rung).optional()])), {
    error: (iss) =>
      iss.code === 'invalid_type'
        ? `must be an object with the rungs it promises, of ${RUNGS.join(', ')}`
        : iss.code === 'unrecognized_keys'
          ? 'unknown rung'
          : undefined,
  })
  .refine((targets) => Object.values(targets).some((rung) => rung !== undefined), {
    error: `must promise at least one rung (of ${RUNGS.join(', ')})`,
  })
  .meta({
    id: 'SeverityTargets',
    description:
      'The targets of the rungs one severity class promises. A rung the letter does not promise is left out: it never opens and never breaches.',
  });

const SEVERITY_NAME_MESSAGE =
  'severity class name must match ^[a-z][a-z0-9_-]{0,31}$ (lower case letter first, then letters, digits, "_" or "-", at most 32)';

/**
 * Severity class name → targets. Walked by hand rather than with z.record, which silently drops a
 * key such as "__proto__": every name is checked as given.
 */
const SeveritiesSchema = z
  .unknown()
  .transform((input, ctx) => {
    const issue = (path: PropertyKey[], message: string) => ctx.issues.push({ code: 'custom', path, input, message });
    if (input === undefined) return (issue([], 'missing'), z.NEVER);
    if (!isObject(input)) return (issue([], 'must be an object mapping severity class names to rung targets'), z.NEVER);
    const names = Object.keys(input);
    if (names.length === 0) issue([], 'must define at least one severity class');
    const out: Record<string, unknown> = {};
    for (const name of names) {
      if (!SEVERITY_NAME_PATTERN.test(name)) {
        issue([name], SEVERITY_NAME_MESSAGE);
        continue;
      }
      const parsed = SeverityTargetsSchema.safeParse(input[name]);
      if (parsed.success) out[name] = parsed.data;
      else for (const i of parsed.error.issues) ctx.issues.push({ ...i, path: [name, ...i.path] } as never);
    }
    return out as Record<string, SeverityTargets>;
  })
  .meta({
    type: 'object',
    description: 'Severity class name → rung targets (conventionally most severe first)',
    propertyNames: { pattern: SEVERITY_NAME_PATTERN.source },
    additionalProperties: { $ref: '#/components/schemas/SeverityTargets' },
    minProperties: 1,
  });

/** The steps that can meet an extra commitment (pause, resume, reclassify, exclude, cancel and sign-off cannot). */
export const EXTRA_MET_BY = [
  'acknowledge',
  'remoteSession',
  'diagnosis',
  'dispatch',
  'arrive',
  'spare',
  'majorProblem',
  'experts',
  'progressUpdate',
  'restore',
  'commitmentMet',
] as const;

export const EXTRA_NAME_PATTERN = /^[a-z0-9][a-z0-9-]{0,47}$/;

export const ExtraCommitmentSchema = z
  .strictObject({
    name: z
      .string({ error: 'must be a name' })
      .regex(EXTRA_NAME_PATTERN, { error: 'must match ^[a-z0-9][a-z0-9-]{0,47}$ (lower case letters, digits and "-")' })
      .meta({ example: 'definite-answer' }),
    rung: z.enum(ESCALATION_RUNGS, { error: `must be one of ${ESCALATION_RUNGS.join(', ')}` }),
    // The same duration check as every target (its inferred type is loose, as in SeveritiesSchema).
    within: durationSchema({ defaultAnchor: 'rungStart' }).meta({
      description: 'Its deadline, from its rung opening by default',
    }) as unknown as z.ZodType<Target>,
    metBy: z
      .enum(EXTRA_MET_BY, { error: `must be one of ${EXTRA_MET_BY.join(', ')}` })
      .meta({ description: 'The step that meets it: a ladder step, or commitmentMet naming it' }),
    severities: z
      .array(z.string({ error: 'must be a severity class name' }), { error: 'must be an array of severity class names' })
      .optional()
      .meta({ description: 'The classes that make it; absent: every class that promises its rung' }),
  })
  .meta({
    id: 'ExtraCommitment',
    description: 'A named extra commitment on a rung: its own deadline, the step that meets it; a miss is a breach (no money)',
  });

export const PolicyDefinitionSchema = z
  .strictObject(
    {
      severities: SeveritiesSchema,
      penaltyFree: z
        .array(z.string({ error: 'must be a severity class name' }), { error: 'must be an array of severity class names' })
        .optional()
        .meta({
          example: ['general'],
          description:
            "Severity classes whose breaches accrue no penalty under the contract's terms (breaches are still tracked); absent: every class accrues",
        }),
      extras: z
        .array(ExtraCommitmentSchema, { error: 'must be an array of extra commitments { name, rung, within, metBy, severities? }' })
        .max(50)
        .optional()
        .meta({ description: 'Named extra commitments on a rung, each with its own deadline and the step that meets it' }),
    },
    { error: (iss) => (iss.code === 'invalid_type' ? 'must be an object { severities }' : undefined) },
  )
  .superRefine((def, ctx) => {
    const seen = new Set<string>();
    (def.penaltyFree ?? []).forEach((name, i) => {
      if (!Object.prototype.hasOwnProperty.call(def.severities, name)) {
        ctx.addIssue({ code: 'custom', path: ['penaltyFree', i], message: `"${name}" is not a severity class of this policy` });
      } else if (seen.has(name)) ctx.addIssue({ code: 'custom', path: ['penaltyFree', i], message: `duplicate "${name}"` });
      seen.add(name);
    });
    const names = new Set<string>();
    (def.extras ?? []).forEach((extra, i) => {
      if (names.has(extra.name)) ctx.addIssue({ code: 'custom', path: ['extras', i, 'name'], message: `duplicate "${extra.name}"` });
      names.add(extra.name);
      (extra.severities ?? []).forEach((name, j) => {
        if (!Object.prototype.hasOwnProperty.call(def.severities, name))
          ctx.addIssue({
            code: 'custom',
            path: ['extras', i, 'severities', j],
            message: `"${name}" is not a severity class of this policy`,
          });
      });
      const classes = extra.severities ?? Object.keys(def.severities);
      if (!classes.some((c) => def.severities[c]?.[extra.rung] !== undefined))
        ctx.addIssue({ code: 'custom', path: ['extras', i, 'rung'], message: `no class of it promises the ${extra.rung} rung` });
    });
  })
  .meta({
    id: 'PolicyDefinition',
    description: 'Targets per severity class; errors name the path, e.g. severities.urgent.triage.respondWithin.amount',
  });
