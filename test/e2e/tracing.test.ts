/**
 * One trace from the API's request through the workflow to its activities: the API's client starts
 * the workflow under a span, the workflow's spans and the activities' spans continue the same trace.
 * Spans land in an in-memory exporter in this process (API and worker both run here).
 */
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { startTracing, type Tracing } from '../../src/tracing/tracing';
import { startTestApp, startWorker, type RunningWorker, type TestApp } from '../harness/context';
import { createContract, eventually, secondsPolicy } from '../harness/fixtures';
import { report, step } from '../harness/incidents';

const s = (amount: number) => ({ amount, unit: 'seconds' as const, anchor: 'report' as const });

describe('OpenTelemetry tracing', () => {
  const exporter = new InMemorySpanExporter();
  let tracing: Tracing;
  let t: TestApp;
  let worker: RunningWorker;

  beforeAll(async () => {
    tracing = startTracing({ serviceName: 'escalation-test', spanProcessor: new SimpleSpanProcessor(exporter) })!;
    t = await startTestApp({ worker: false });
    worker = await startWorker({ taskQueue: t.config.taskQueue, dataSource: t.dataSource, plugins: [tracing.plugin] });
  }, 120_000);
  afterAll(async () => {
    await worker?.stop();
    await t?.close();
    await tracing?.shutdown();
  });

  it('is off, with nothing registered, when no endpoint is configured', () => {
    expect(startTracing({ serviceName: 'escalation-api' })).toBeUndefined();
  });

  it('follows a report from the API through the workflow into its activities, and a step into the workflow', async () => {
    const { contractId } = await createContract(t.dataSource, {
      policy: secondsPolicy({ urgent: { triage: { respondWithin: s(600) } }, general: {} }),
    });
    const id = await report(t, contractId);
    await step(t, id, 'acknowledge');

    const spans = (): ReadableSpan[] => exporter.getFinishedSpans();
    const start = await eventually(async () =>
      spans().find((sp) => sp.name === 'StartWorkflow:incidentWorkflow' && sp.attributes.temporalWorkflowId === `incident-${id}`),
    );
    const trace = start.spanContext().traceId;
    const inTrace = await eventually(async () => {
      const names = spans()
        .filter((sp) => sp.spanContext().traceId === trace)
        .map((sp) => sp.name);
      return names.includes('RunActivity:persistTimeline') && names.includes('StartActivity:persistTimeline') ? names : undefined;
    });
    expect(inTrace).toEqual(
      expect.arrayContaining(['StartWorkflow:incidentWorkflow', 'StartActivity:persistTimeline', 'RunActivity:persistTimeline']),
    );
    // The step: the API's update call and the workflow's handling of it, in one trace of their own.
    const update = await eventually(async () => spans().find((sp) => sp.name.startsWith('StartWorkflowUpdate:')));
    const handled = await eventually(async () =>
      spans().find((sp) => sp.name.startsWith('HandleUpdate:') && sp.spanContext().traceId === update.spanContext().traceId),
    );
    expect(handled.name).toBe(update.name.replace('StartWorkflowUpdate', 'HandleUpdate'));
  });
});
