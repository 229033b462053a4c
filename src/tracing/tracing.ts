/**
 * OpenTelemetry tracing across API → workflow → activities, through Temporal's interceptors
 * (@temporalio/interceptors-opentelemetry): the client's span travels in the workflow's headers,
 * the workflow's spans leave through a sink, the activities continue the same trace. Off unless an
 * OTLP endpoint is configured. The tracer provider is process-wide, like OpenTelemetry's own API.
 */
import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { OpenTelemetryPlugin } from '@temporalio/interceptors-opentelemetry';

export interface Tracing {
  plugin: OpenTelemetryPlugin;
  /** Flushes what is buffered and unregisters the provider. */
  shutdown(): Promise<void>;
}

let current: Tracing | undefined;

/** The plugin for this process's Temporal client and worker: none when tracing is off. */
export function tracingPlugins(): OpenTelemetryPlugin[] {
  return current ? [current.plugin] : [];
}

/** Flushes and stops this process's tracing, if started (the API calls it as it shuts down). */
export async function stopTracing(): Promise<void> {
  await current?.shutdown();
}

/**
 * Starts tracing for this process when `otlpEndpoint` is set (or a span processor is given, as
 * tests do); returns undefined, and changes nothing, otherwise.
 */
export function startTracing(options: { serviceName: string; otlpEndpoint?: string; spanProcessor?: SpanProcessor }): Tracing | undefined {
  const spanProcessor =
    options.spanProcessor ??
    (options.otlpEndpoint ? new BatchSpanProcessor(new OTLPTraceExporter({ url: options.otlpEndpoint })) : undefined);
  if (!spanProcessor) return undefined;
  const resource = new Resource({ 'service.name': options.serviceName });
  const provider = new BasicTracerProvider({ resource });
  provider.addSpanProcessor(spanProcessor);
  // Context must follow awaits, or the client's span is not the one its headers carry.
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  const plugin = new OpenTelemetryPlugin({ resource, spanProcessor });
  current = {
    plugin,
    shutdown: async () => {
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
      current = undefined;
    },
  };
  return current;
}
