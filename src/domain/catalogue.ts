/**
 * The one catalogue of the ladder: its rungs, the target slots a policy fills, and the steps
 * engineers take. Everything else derives from here: the policy schema, the ladder's clocks,
 * the workflow's update definitions, the API's step routes and their OpenAPI entries, refusal
 * wording, and the console's step forms (served from GET /api/v1/catalogue).
 */
import { z } from './validation';

// ---------------------------------------------------------------- rungs

/** The rungs of the ladder, in ladder order; the first six are the escalation ladder proper. */
export const RUNGS = ['triage', 'remote', 'onsite', 'spare', 'expert', 'penalty', 'signOff', 'faultReport', 'progress'] as const;
export type Rung = (typeof RUNGS)[number];

/** Rungs an incident escalates through (state.rung is the highest one opened). */
export const ESCALATION_RUNGS = ['triage', 'remote', 'onsite', 'spare', 'expert', 'penalty'] as const satisfies readonly Rung[];
export type EscalationRung = (typeof ESCALATION_RUNGS)[number];

export const RUNG_DESCRIPTIONS: Record<Rung, string> = {
  triage: 'Phone triage: an engineer acknowledges the call',
  remote: 'Remote diagnosis: a remote session, resolved remotely or escalated on site',
  onsite: 'On-site dispatch: an engineer on site',
  spare: 'Spare unit: lent when service is not restored in time',
  expert: 'Expert consultation: convened for a major technical problem or when service stays down',
  penalty: 'Restore commitment: past it, penalties accrue per the contract',
  signOff: 'Customer sign-off of the maintenance record',
  faultReport: 'Fault report delivered to the customer',
  progress: 'Progress updates: one is due every so often while service is not restored',
};

// ---------------------------------------------------------------- target slots

/** What a target is counted from: t0 (the report) or the moment its rung opened. */
export const TARGET_ANCHORS = ['report', 'rungStart'] as const;
export type TargetAnchor = (typeof TARGET_ANCHORS)[number];

export interface TargetSlot {
  /** "rung.field", e.g. "triage.respondWithin". */
  key: string;
  rung: Rung;
  field: string;
  /** deadline: a promise met or breached; trigger: opens a rung when it fires. */
  kind: 'deadline' | 'trigger';
  /** Anchor used when the input omits one. */
  defaultAnchor: TargetAnchor;
  /** One line for humans (docs, API schema descriptions). */
  description: string;
  /**
   * A cadence: met or missed, the clock starts its next cycle at once (from the step, or from the
   * missed due instant), so each missed cycle is its own breach. Each cycle counts from its start.
   */
  recurring?: true;
}

/**
 * The target slots, in ladder order. Default anchors follow DESIGN §4: on site is counted from the
 * dispatch decision, a spare from its trigger, experts from the moment they are called, the sign-off
 * from the restore and the fault report from the sign-off; everything else from t0.
 */
export const TARGET_SLOTS = [
  {
    key: 'triage.respondWithin',
    rung: 'triage',
    field: 'respondWithin',
    kind: 'deadline',
    defaultAnchor: 'report',
    description: 'an engineer acknowledges the call',
  },
  {
    key: 'remote.startWithin',
    rung: 'remote',
    field: 'startWithin',
    kind: 'deadline',
    defaultAnchor: 'report',
    description: 'remote session started',
  },
  {
    key: 'remote.resolveWithin',
    rung: 'remote',
    field: 'resolveWithin',
    kind: 'deadline',
    defaultAnchor: 'report',
    description: 'no remote fix by then escalates on site',
  },
  {
    key: 'onsite.arriveWithin',
    rung: 'onsite',
    field: 'arriveWithin',
    kind: 'deadline',
    defaultAnchor: 'rungStart',
    description: 'engineer on site (from the dispatch decision by default)',
  },
  {
    key: 'spare.triggerAfter',
    rung: 'spare',
    field: 'triggerAfter',
    kind: 'trigger',
    defaultAnchor: 'report',
    description: 'not restored by then: a spare unit is due',
  },
  {
    key: 'spare.deliverWithin',
    rung: 'spare',
    field: 'deliverWithin',
    kind: 'deadline',
    defaultAnchor: 'rungStart',
    description: 'spare unit of no lower grade delivered (from the trigger by default)',
  },
  {
    key: 'expert.triggerAfter',
    rung: 'expert',
    field: 'triggerAfter',
    kind: 'trigger',
    defaultAnchor: 'report',
    description: 'not restored by then: experts are called',
  },
  {
    key: 'expert.conveneWithin',
    rung: 'expert',
    field: 'conveneWithin',
    kind: 'deadline',
    defaultAnchor: 'rungStart',
    description: 'experts convene (from the call for experts by default)',
  },
  {
    key: 'penalty.restoreWithin',
    rung: 'penalty',
    field: 'restoreWithin',
    kind: 'deadline',
    defaultAnchor: 'report',
    description: 'service restored; past it penalties accrue',
  },
  {
    key: 'signOff.within',
    rung: 'signOff',
    field: 'within',
    kind: 'deadline',
    defaultAnchor: 'rungStart',
    description: 'customer signs the maintenance record (from the restore by default)',
  },
  {
    key: 'faultReport.deliverWithin',
    rung: 'faultReport',
    field: 'deliverWithin',
    kind: 'deadline',
    defaultAnchor: 'rungStart',
    description: 'fault report delivered (from the sign-off by default)',
  },
  {
    key: 'progress.updateEvery',
    rung: 'progress',
    field: 'updateEvery',
    kind: 'deadline',
    defaultAnchor: 'report',
    recurring: true,
    description:
      'a progress update is due this often until service is restored; each one (or each miss) starts the next cycle, each miss is a breach',
  },
] as const satisfies readonly TargetSlot[];

export type TargetKey = (typeof TARGET_SLOTS)[number]['key'];

export function targetSlot(key: string): TargetSlot | undefined {
  return (TARGET_SLOTS as readonly TargetSlot[]).find((s) => s.key === key);
}

/** Whether the clock of `key` is a cadence (see TargetSlot.recurring). */
export function isRecurring(key: string): boolean {
  return targetSlot(key)?.recurring === true;
}

// ---------------------------------------------------------------- steps

/** Where the engineers' work stands: the next step the ladder expects. */
export const STAGES = ['triage', 'remote', 'diagnosing', 'dispatch', 'en_route', 'onsite', 'restored', 'closed'] as const;
export type Stage = (typeof STAGES)[number];

export const PAUSE_REASONS = ['waiting_on_customer', 'force_majeure'] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];

export const DIAGNOSIS_OUTCOMES = ['needs_onsite', 'resolved_remotely'] as const;

const nonBlank = (max: number, example?: string) =>
  z
    .string()
    .refine((v) => v.trim().length > 0, { error: 'must not be blank' })
    .max(max)
    .meta(example === undefined ? {} : { example });

/** Fields every step's body may carry. */
const STEP_BASE = {
  actor: nonBlank(200, 'eng:li.na')
    .optional()
    .meta({
      description:
        "Accepted for compatibility, not trusted: the step's actor is always the name of the API token that takes it " +
        '(a different value here is kept in the audit trail as claimedActor)',
    }),
  note: z.string().max(4000).optional().meta({ example: 'Customer confirmed over the phone' }),
};

/** Who took a step, as the API passes it to the workflow (recorded on the timeline and in the audit trail). */
const ACTOR_FIELDS = {
  /** The name of the API token that took the step. */
  actor: nonBlank(200),
  /** That token's id. */
  actorTokenId: z.string().max(64).optional(),
  /** What the body claimed as actor, when it differed (kept for the audit trail). */
  claimedActor: z.string().max(200).optional(),
  /** When the API received the step (epoch ms): the step's time, whatever delayed its delivery. */
  requestedAt: z.number().int().optional(),
};

/**
 * A step of the ladder. Its fields' meta may carry hints for the console's form: 'x-label' (the
 * field's label key when not its name), 'x-labels' (the label group of an enum's values),
 * 'x-options' ('severities': the incident's other severity classes).
 */
export interface StepDefinition<Body extends z.ZodRawShape = z.ZodRawShape> {
  /** URL segment: POST /api/v1/incidents/{id}/{route}. */
  route: string;
  /** One line: the OpenAPI summary and the console's hint. */
  summary: string;
  /** The stage the step needs (steps without one are judged by their own rules). */
  stage?: Stage;
  /** The body's own fields (besides actor and note). */
  fields: Body;
  /** Rules across the body's fields. */
  refine?: (body: Record<string, unknown>, ctx: z.core.$RefinementCtx<unknown>) => void;
}

const step = <B extends z.ZodRawShape>(definition: StepDefinition<B>): StepDefinition<B> => definition;

/** The engineers' steps, in ladder order. The key is the step's name (and its Temporal update's name). */
export const STEP_CATALOGUE = {
  acknowledge: step({ route: 'acknowledge', stage: 'triage', summary: 'Phone triage: acknowledge the call', fields: {} }),
  remoteSession: step({ route: 'remote-session', stage: 'remote', summary: 'Remote diagnosis: the remote session started', fields: {} }),
  diagnosis: step({
    route: 'diagnosis',
    stage: 'diagnosing',
    summary: 'Record the remote diagnosis: resolved remotely, or needs on-site',
    fields: {
      outcome: z.enum(DIAGNOSIS_OUTCOMES).meta({ 'x-labels': 'outcome' }),
      cause: nonBlank(4000)
        .optional()
        .meta({ description: 'Required when resolved remotely (for the fault report)', 'x-label': 'causeIfResolved' }),
      method: nonBlank(4000)
        .optional()
        .meta({ description: 'Required when resolved remotely (for the fault report)', 'x-label': 'methodIfResolved' }),
    },
    refine: (body, ctx) => {
      if (body.outcome !== 'resolved_remotely') return;
      for (const field of ['cause', 'method'] as const) {
        if (body[field] === undefined)
          ctx.addIssue({ code: 'custom', path: [field], message: 'required when resolved remotely (for the fault report)' });
      }
    },
  }),
  dispatch: step({
    route: 'dispatch',
    stage: 'dispatch',
    summary: 'Dispatch an engineer on site',
    fields: { engineer: nonBlank(200, 'eng:wang.fang') },
  }),
  arrive: step({ route: 'arrive', stage: 'en_route', summary: 'The dispatched engineer arrived on site', fields: {} }),
  spare: step({
    route: 'spare',
    summary: 'Deliver a spare unit of no lower grade',
    fields: { unitId: nonBlank(200, 'SPARE-SW-0042').meta({ description: 'Spare unit of no lower grade than the faulty one' }) },
  }),
  majorProblem: step({ route: 'major-problem', summary: 'Flag a major technical problem: opens expert consultation', fields: {} }),
  experts: step({
    route: 'experts',
    summary: 'Experts convened',
    fields: {
      experts: z
        .array(nonBlank(200))
        .min(1)
        .max(50)
        .meta({ example: ['dr.chen', 'dr.zhou'] }),
    },
  }),
  progressUpdate: step({
    route: 'progress-update',
    summary: 'Post a progress update (its note): meets the progress-update cadence and starts its next cycle',
    fields: { note: nonBlank(4000, 'Replacement board ordered, arrives 14:00').meta({ description: 'The progress update itself' }) },
  }),
  commitmentMet: step({
    route: 'commitment-met',
    summary: "Meet a named extra commitment of the incident's policy (one whose metBy is commitmentMet)",
    fields: {
      name: z
        .string()
        .regex(/^[a-z0-9][a-z0-9-]{0,47}$/, { error: "must be the name of one of the policy's extra commitments" })
        .meta({
          example: 'definite-answer',
          description: "The extra commitment's name (policy extras[].name)",
          'x-label': 'commitmentName',
        }),
    },
  }),
  restore: step({
    route: 'restore',
    summary: 'Service restored: accrual stops; the sign-off is due',
    fields: {
      cause: nonBlank(4000, 'Failed power supply in the core switch'),
      method: nonBlank(4000, 'Replaced the power supply, verified failover'),
    },
  }),
  signOff: step({
    route: 'sign-off',
    stage: 'restored',
    summary: 'The customer signed the maintenance record: closes the incident with its fault report',
    fields: { signer: nonBlank(200, 'customer:liu.yang') },
  }),
  pause: step({
    route: 'pause',
    summary: 'Pause every clock (force majeure, waiting on the customer)',
    fields: { reason: z.enum(PAUSE_REASONS) },
  }),
  resume: step({ route: 'resume', summary: 'Resume the clocks: deadlines move by the paused time', fields: {} }),
  reclassify: step({
    route: 'reclassify',
    summary: 'Change the severity class: deadlines recomputed from t0 under the new class',
    fields: {
      severity: nonBlank(32, 'serious').meta({ 'x-options': 'severities', description: "One of the incident's policy's severity classes" }),
    },
  }),
  exclude: step({
    route: 'exclude',
    summary: 'Customer-caused: out of the commitments, accruals reversed',
    fields: {
      reason: nonBlank(4000, 'Customer UPS failure (excluded by the letter)').meta({ 'x-label': 'exclusionReason' }),
      // Optional so clients sending only a reason keep working; the contract's list is checked by payloadRefusal.
      cause: nonBlank(100, 'ups').optional().meta({
        'x-label': 'exclusionCause',
        'x-options': 'exclusionCauses',
        description: 'One of the contract\'s exclusion causes, or "other" (the reason says what it was)',
      }),
    },
  }),
  cancel: step({
    route: 'cancel',
    summary: 'Cancel (a duplicate report): accruals reversed',
    fields: { reason: nonBlank(4000, 'Duplicate of another report') },
  }),
};

export type StepName = keyof typeof STEP_CATALOGUE;

/** The steps in catalogue order; read at use, so a step added to the catalogue is everywhere at once. */
export function stepNames(): StepName[] {
  return Object.keys(STEP_CATALOGUE) as StepName[];
}

/** A step's definition (catalogue entry). */
export function stepDefinition(name: string): StepDefinition | undefined {
  return Object.prototype.hasOwnProperty.call(STEP_CATALOGUE, name) ? (STEP_CATALOGUE as Record<string, StepDefinition>)[name] : undefined;
}

/** URL path segment of a step (POST /api/v1/incidents/{id}/{segment}). */
export function stepRoute(name: string): string {
  const definition = stepDefinition(name);
  if (!definition) throw new Error(`unknown step ${name}`);
  return definition.route;
}

type FieldsOf<S extends StepName> = (typeof STEP_CATALOGUE)[S]['fields'];

/** The body of a step as the API accepts it (actor optional: the token's name is used). */
export type StepBody<S extends StepName> =
  FieldsOf<S> extends infer F extends z.ZodRawShape ? z.output<z.ZodObject<Omit<typeof STEP_BASE, keyof F> & F>> : never;

/** Every engineer's step carries who did it (the token's name and id) and an optional note. */
export interface StepBase {
  actor: string;
  actorTokenId?: string;
  claimedActor?: string;
  requestedAt?: number;
  note?: string;
}

/** A step as the workflow receives it. */
export type StepPayloads = { [S in StepName]: Omit<StepBody<S>, 'actor'> & StepBase };

const bodySchemas = new Map<string, z.ZodType>();

/** The zod schema of a step's body (strict: unknown fields are refused). Built once per step. */
export function stepBodySchema(name: string): z.ZodType {
  let schema = bodySchemas.get(name);
  if (!schema) {
    const definition = stepDefinition(name);
    if (!definition) throw new Error(`unknown step ${name}`);
    const object = z.strictObject({ ...STEP_BASE, ...definition.fields });
    schema = definition.refine ? object.superRefine(definition.refine as never) : object;
    bodySchemas.set(name, schema);
  }
  return schema;
}

/** The JSON Schema of a step's body, for OpenAPI and the console's forms (input side: what a client sends). */
export function stepBodyJsonSchema(name: string): Record<string, unknown> {
  return z.toJSONSchema(stepBodySchema(name), { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}

const payloadSchemas = new Map<string, z.ZodType>();

/** The zod schema of a step as the workflow receives it: the body, with the actor required. */
export function stepPayloadSchema(name: string): z.ZodType {
  let schema = payloadSchemas.get(name);
  if (!schema) {
    const definition = stepDefinition(name);
    if (!definition) throw new Error(`unknown step ${name}`);
    const object = z.strictObject({ ...STEP_BASE, ...ACTOR_FIELDS, ...definition.fields });
    schema = definition.refine ? object.superRefine(definition.refine as never) : object;
    payloadSchemas.set(name, schema);
  }
  return schema;
}

/** The step whose route is `route`, if any. */
export function stepByRoute(route: string): StepName | undefined {
  return stepNames().find((s) => STEP_CATALOGUE[s].route === route);
}
