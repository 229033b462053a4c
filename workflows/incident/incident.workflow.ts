import {
  allHandlersFinished,
  condition,
  continueAsNew,
  currentUpdateInfo,
  log,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
  ApplicationFailure,
} from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import type { createActivities } from '../../activities';
import { searchAttributes, snapshotQuery, STEP_REFUSED, stepUpdate } from './definitions';
import { PATCHES } from './patches';
import {
  advance,
  applyStep,
  buildView,
  closeWithReport,
  EffectDriver,
  emptyEffects,
  initialState,
  isKnownStep,
  isTerminal,
  LadderContext,
  nextWakeAt,
  recordNotificationFailure,
  refusal,
  rememberStep,
  stepInstant,
  stepTimeRefusal,
  stepNames,
  type Effects,
  type IncidentState,
  type IncidentView,
  type IncidentWorkflowInput,
  type LedgerCommand,
  type Notification,
  type StepName,
  type StepPayloads,
} from '../../src/domain/ladder';

type Activities = ReturnType<typeof createActivities>;

/** Database writes must land eventually: retried without limit, each attempt short. */
const db = proxyActivities<Activities>({
  startToCloseTimeout: '15s',
  retry: { initialInterval: '200ms', backoffCoefficient: 2, maximumInterval: '10s' },
});

/** Webhooks are someone else's server: bounded retries with backoff, then recorded as failed. */
const notifier = proxyActivities<Activities>({
  startToCloseTimeout: '15s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '30s', maximumAttempts: 6 },
});

export interface IncidentWorkflowArgs extends IncidentWorkflowInput {
  /** Present after continue-as-new: the full state carried over. */
  carried?: { state: IncidentState; pendingLedger: LedgerCommand[]; pendingNotifications: Notification[] };
  /** Tests lower this to exercise continue-as-new; otherwise the server's suggestion decides. */
  continueAsNewAfterEvents?: number;
}

export async function incidentWorkflow(args: IncidentWorkflowArgs): Promise<IncidentState> {
  const { carried, continueAsNewAfterEvents, ...input } = args;
  const info = workflowInfo();
  const ctx = new LadderContext(input, info.workflowId, {
    penaltyFreeClasses: patched(PATCHES.penaltyFreeClasses),
    progressCadence: patched(PATCHES.progressCadence),
    extraCommitments: patched(PATCHES.extraCommitments),
  });

  let state: IncidentState;
  const effects: Effects = emptyEffects();
  if (carried) {
    state = carried.state;
    effects.ledger.push(...carried.pendingLedger);
    effects.notifications.push(...carried.pendingNotifications);
  } else {
    const initial = initialState(ctx);
    state = initial.state;
    effects.events.push(...initial.effects.events);
    effects.notifications.push(...initial.effects.notifications);
  }

  let wake = false;
  let faultReportWritten = false;
  const inFlightNotifications = new Set<Promise<void>>();

  const registerStep = <S extends StepName>(step: S): void => {
    const update = stepUpdate(step) as UpdateDefinition<IncidentView, [StepPayloads[S]]>;
    setHandler(
      update,
      async (payload: StepPayloads[S]) => {
        const key = currentUpdateInfo()?.id;
        const keyedSteps = patched(PATCHES.stepKeysAcrossRuns);
        // A retry of a step an earlier run already applied (Temporal dedupes within a run only): answer, change nothing.
        if (keyedSteps && isKnownStep(state, key)) return buildView(ctx, state, Date.now());
        const now = keyedSteps ? stepInstant(state, payload, Date.now()) : Date.now();
        // Whatever fell due before this step happened first (a late acknowledge is still a breach).
        advance(ctx, state, effects, now);
        const reason = (keyedSteps ? stepTimeRefusal(ctx, payload, Date.now()) : null) ?? refusal(ctx, state, step, payload);
        // Rare race: the state moved between validation and execution. Nothing was changed.
        if (reason) throw ApplicationFailure.nonRetryable(reason, STEP_REFUSED);
        applyStep(ctx, state, effects, step, payload, now);
        if (keyedSteps && key !== undefined) rememberStep(state, key);
        const mySeq = state.seq;
        wake = true;
        await condition(() => state.persistedSeq >= mySeq);
        if (step === 'signOff' && patched(PATCHES.signOffAnswersClosed)) await condition(() => faultReportWritten);
        return buildView(ctx, state, Date.now());
      },
      {
        validator: (payload: StepPayloads[S]) => {
          // A step applied by an earlier run is answered by the handler, not refused.
          if (isKnownStep(state, currentUpdateInfo()?.id)) return;
          // Validators must not mutate: judge on a copy advanced to the step's time.
          const probe = JSON.parse(JSON.stringify(state)) as IncidentState;
          advance(ctx, probe, emptyEffects(), stepInstant(probe, payload, Date.now()));
          const reason = stepTimeRefusal(ctx, payload, Date.now()) ?? refusal(ctx, probe, step, payload);
          if (reason) throw ApplicationFailure.nonRetryable(reason, STEP_REFUSED);
        },
        description: `Engineer's step: ${step}`,
      },
    );
  };
  stepNames().forEach(registerStep);
  setHandler(snapshotQuery, () => ({ state, input }));

  let lastAttributes = '';
  const syncSearchAttributes = (): void => {
    const current = JSON.stringify([state.status, state.severity, state.rung]);
    if (current === lastAttributes) return;
    lastAttributes = current;
    upsertSearchAttributes({
      [searchAttributes.status.name]: [state.status],
      [searchAttributes.severity.name]: [state.severity],
      [searchAttributes.rung.name]: [state.rung],
    });
  };

  const sendNotification = (n: Notification): void => {
    const p = notifier
      .sendNotification({
        idempotencyKey: n.key,
        incidentId: state.incidentId,
        contractId: input.contract.id,
        webhookUrl: input.contract.webhookUrl,
        kind: n.kind,
        payload: { ...n.data, incidentId: state.incidentId, severity: state.severity, status: state.status },
      })
      .then(
        () => undefined,
        (error: Error) => {
          log.warn('notification failed after retries', { key: n.key, error: error.message });
          recordNotificationFailure(state, effects, n.key, error.message, Date.now());
          wake = true;
        },
      )
      .finally(() => inFlightNotifications.delete(p));
    inFlightNotifications.add(p);
  };

  const driver = new EffectDriver(
    ctx,
    state,
    effects,
    {
      postLedgerEntry: (request) => db.postLedgerEntry(request),
      persistTimeline: (write) => db.persistTimeline(write),
      notify: sendNotification,
      now: () => Date.now(),
    },
    { workflowId: info.workflowId, runId: info.runId },
  );

  /** Drains side effects in order (see EffectDriver), then keeps the search attributes current. */
  const flush = async (): Promise<void> => {
    await driver.flush();
    syncSearchAttributes();
  };

  for (;;) {
    advance(ctx, state, effects, Date.now());
    await flush();
    if (state.stage === 'closed' && state.status === 'restored') {
      // Signed off: the incident closes with its fault report, written from the complete timeline.
      closeWithReport(ctx, state, effects, Date.now());
      await flush();
      await db.writeFaultReport({
        incidentId: state.incidentId,
        workflowId: info.workflowId,
        zone: input.calendar.definition.zone,
        contract: { id: input.contract.id, customer: input.contract.customer },
        description: input.description,
        reportedAt: input.reportedAt,
        view: buildView(ctx, state, Date.now()),
      });
      faultReportWritten = true;
    }
    if (isTerminal(state)) break;

    const { continueAsNewSuggested, historyLength } = workflowInfo();
    if (continueAsNewSuggested || (continueAsNewAfterEvents !== undefined && historyLength >= continueAsNewAfterEvents)) {
      // Finish in-flight handlers and webhooks first so nothing is lost across runs.
      await condition(allHandlersFinished);
      await Promise.all(inFlightNotifications);
      await flush();
      await continueAsNew<typeof incidentWorkflow>({
        ...input,
        continueAsNewAfterEvents,
        carried: { state, pendingLedger: effects.ledger.splice(0), pendingNotifications: effects.notifications.splice(0) },
      });
    }

    wake = false;
    const next = nextWakeAt(ctx, state);
    if (next === null) await condition(() => wake);
    else await condition(() => wake, Math.max(1, next - Date.now()));
  }

  await condition(allHandlersFinished);
  await Promise.all(inFlightNotifications);
  await flush();
  return state;
}
