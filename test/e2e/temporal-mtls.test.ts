/**
 * The product through the real Temporal server (v1.29.1, one process, SQLite in memory) whose
 * frontend demands mutual TLS with certificates made at test time, configured only by the
 * @temporalio/envconfig variables: the API and a worker connect with the client certificate, an
 * incident runs and takes a step; without the certificate, or with one from another CA, refused.
 */
import { Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type AppConfig } from '../../src/config/config';
import { checkTemporal } from '../../src/temporal/check-temporal';
import { startTestApp, startWorker, type RunningWorker, type TestApp } from '../harness/context';
import { createContract, eventually, secondsPolicy } from '../harness/fixtures';
import { clock, detail, report, step } from '../harness/incidents';
import { startTemporalTlsServer, type TemporalTlsServer } from '../harness/temporal-tls-server';
import { makeTestPki, SERVER_NAME, type TestPki } from '../harness/tls';

describe('Temporal over mTLS', () => {
  let dir: string;
  let pki: TestPki;
  let server: TemporalTlsServer;
  let secure: AppConfig;
  let t: TestApp | undefined;
  let worker: RunningWorker | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'escalation-mtls-'));
    chmodSync(dir, 0o700);
    pki = makeTestPki(dir);
    server = await startTemporalTlsServer(pki, dir);
    secure = loadConfig({
      DATABASE_URL: process.env.TEST_DATABASE_URL,
      TEMPORAL_ADDRESS: server.address,
      TEMPORAL_TLS_CLIENT_CERT_PATH: pki.clientCert,
      TEMPORAL_TLS_CLIENT_KEY_PATH: pki.clientKey,
      TEMPORAL_TLS_SERVER_CA_CERT_PATH: pki.caCert,
      TEMPORAL_TLS_SERVER_NAME: SERVER_NAME,
    });
  });
  afterAll(async () => {
    await worker?.stop();
    await t?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the envconfig variables into an mTLS connection', () => {
    expect(secure.temporalConnection).toEqual({
      tls: {
        serverNameOverride: SERVER_NAME,
        serverRootCACertificate: Uint8Array.from(readFileSync(pki.caCert)),
        clientCertPair: { crt: Uint8Array.from(readFileSync(pki.clientCert)), key: Uint8Array.from(readFileSync(pki.clientKey)) },
      },
      apiKey: undefined,
      metadata: undefined,
    });
  });

  it('runs the API and a worker through it: ready, an incident reported and acknowledged', async () => {
    await checkTemporal(secure.temporalAddress, 'default', secure.temporalConnection);
    const overTls = { address: secure.temporalAddress, ...secure.temporalConnection };
    t = await startTestApp({ worker: false, config: { temporalAddress: server.address, temporalConnection: secure.temporalConnection } });
    worker = await startWorker({ taskQueue: t.config.taskQueue, dataSource: t.dataSource, temporal: overTls });
    await eventually(async () => ((await t!.anonymous.get('/health/ready')).status === 200 ? true : undefined));

    const { contractId } = await createContract(t.dataSource, { policy: secondsPolicy() });
    const id = await report(t, contractId);
    expect(clock(await step(t, id, 'acknowledge'), 'triage.respondWithin').status).toBe('met'); // an update: needs the worker
    expect((await detail(t, id)).live).toBe(true); // the workflow answered the query
  });

  it("refuses a client without a certificate, with another CA's certificate, or without TLS", async () => {
    const tls = secure.temporalConnection!.tls as { serverRootCACertificate: Uint8Array; serverNameOverride: string };
    const noCert = { serverRootCACertificate: tls.serverRootCACertificate, serverNameOverride: tls.serverNameOverride };
    await expect(checkTemporal(server.address, 'default', { tls: noCert })).rejects.toThrow(/Cannot reach Temporal namespace default/);
    // The server ends the TLS session: the Rust core reports the alert it sent (CertificateRequired), a broken
    // pipe or a closed connection, whichever it reads first; always a transport error, never an answer.
    await expect(NativeConnection.connect({ address: server.address, tls: noCert })).rejects.toThrow(/transport::Error\(Transport/);
    const stranger = { ...noCert, clientCertPair: { crt: readFileSync(pki.strangerCert), key: readFileSync(pki.strangerKey) } };
    await expect(NativeConnection.connect({ address: server.address, tls: stranger })).rejects.toThrow(/transport::Error\(Transport/);
    // The same call with the test CA's client certificate connects: the refusals above are about the certificate.
    await (await NativeConnection.connect({ address: server.address, tls: secure.temporalConnection!.tls })).close();
    await expect(Connection.connect({ address: server.address, tls: stranger, connectTimeout: '5s' })).rejects.toThrow();
    await expect(Connection.connect({ address: server.address, connectTimeout: '5s' })).rejects.toThrow();
  });
});
