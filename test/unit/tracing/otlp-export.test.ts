import { trace } from '@opentelemetry/api';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../../src/config/config';
import { startTracing } from '../../../src/tracing/tracing';

const BASE = { DATABASE_URL: 'postgres://u:p@localhost:5432/db', TEMPORAL_ADDRESS: '127.0.0.1:7233' };

describe('tracing configuration and OTLP export', () => {
  it('is off by default; the OTel endpoint variables turn it on, validated in one line', () => {
    expect(loadConfig(BASE).otlpTracesEndpoint).toBeUndefined();
    expect(loadConfig({ ...BASE, OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }).otlpTracesEndpoint).toBe(
      'http://collector:4318/v1/traces',
    );
    expect(loadConfig({ ...BASE, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://otel.example/traces' }).otlpTracesEndpoint).toBe(
      'https://otel.example/traces',
    );
    expect(() => loadConfig({ ...BASE, OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toThrow(
      /^OTEL_EXPORTER_OTLP_ENDPOINT="collector:4318" is invalid: an OTLP\/HTTP URL/,
    );
  });

  it('exports spans over OTLP/HTTP to the configured endpoint', async () => {
    const received: Array<{ url?: string; type?: string; bytes: number }> = [];
    const server = createServer((req: IncomingMessage, res) => {
      let bytes = 0;
      req.on('data', (chunk: Buffer) => (bytes += chunk.length));
      req.on('end', () => {
        received.push({ url: req.url, type: req.headers['content-type'], bytes });
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/traces`;
    const tracing = startTracing({ serviceName: 'escalation-unit', otlpEndpoint: endpoint })!;
    try {
      trace.getTracer('unit').startSpan('a-span').end();
    } finally {
      await tracing.shutdown(); // flushes the batch
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    expect(received).toEqual([{ url: '/v1/traces', type: expect.stringMatching(/json|protobuf/), bytes: expect.any(Number) }]);
    expect(received[0].bytes).toBeGreaterThan(0);
  });
});
