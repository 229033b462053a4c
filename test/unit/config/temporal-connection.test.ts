import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../../src/config/config';
import { describeConnection } from '../../../src/config/temporal-connection';

const BASE = { DATABASE_URL: 'postgres://u:p@localhost:5432/db', TEMPORAL_ADDRESS: 'ns.acct.tmprl.cloud:7233' };
const load = (env: Record<string, string>) => loadConfig({ ...BASE, ...env }).temporalConnection;
const error = (env: Record<string, string>): ConfigError => {
  try {
    load(env);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error(`no ConfigError for ${JSON.stringify(env)}`);
};

describe('config: secure connection to Temporal (envconfig variables)', () => {
  let dir: string;
  let cert: string;
  let key: string;
  let notPem: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tls-config-'));
    cert = join(dir, 'client.crt');
    key = join(dir, 'client.key');
    notPem = join(dir, 'notes.txt');
    writeFileSync(cert, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    writeFileSync(key, '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n');
    writeFileSync(notPem, 'hello');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('plain gRPC when nothing is set', () => {
    expect(load({})).toEqual({ tls: undefined, apiKey: undefined, metadata: undefined });
    expect(describeConnection(load({}))).toBe('plain gRPC');
  });

  it('mTLS from file paths, with the server name override and the CA', () => {
    const settings = load({
      TEMPORAL_TLS_CLIENT_CERT_PATH: cert,
      TEMPORAL_TLS_CLIENT_KEY_PATH: key,
      TEMPORAL_TLS_SERVER_CA_CERT_PATH: cert,
      TEMPORAL_TLS_SERVER_NAME: 'temporal.internal',
    });
    expect(settings?.tls).toMatchObject({ serverNameOverride: 'temporal.internal', clientCertPair: { crt: expect.any(Uint8Array) } });
    expect(describeConnection(settings)).toBe('mTLS');
  });

  it('an API key turns TLS on (Temporal Cloud), unless TEMPORAL_TLS=false; gRPC headers from TEMPORAL_GRPC_META_*', () => {
    const cloud = load({ TEMPORAL_API_KEY: 'key-abc.def', TEMPORAL_GRPC_META_X_TENANT: 'acme' });
    expect(cloud).toEqual({ tls: true, apiKey: 'key-abc.def', metadata: { 'x-tenant': 'acme' } });
    expect(describeConnection(cloud)).toBe('TLS with an API key');
    expect(load({ TEMPORAL_API_KEY: 'k', TEMPORAL_TLS: 'false' })?.tls).toBe(false);
    expect(load({ TEMPORAL_TLS: '1' })?.tls).toEqual({});
  });

  it.each([
    [
      { TEMPORAL_TLS_CLIENT_CERT_PATH: 'CERT' },
      /^TEMPORAL_TLS_CLIENT_KEY_PATH is not set: mTLS needs both the client certificate and its key/,
    ],
    [{ TEMPORAL_TLS_CLIENT_KEY_PATH: 'KEY' }, /^TEMPORAL_TLS_CLIENT_CERT_PATH is not set: mTLS needs both/],
    [
      { TEMPORAL_TLS_SERVER_CA_CERT_PATH: '/nonexistent/ca.pem' },
      /^TEMPORAL_TLS_SERVER_CA_CERT_PATH="\/nonexistent\/ca.pem" is invalid: a readable file .* \(ENOENT\)/,
    ],
    [{ TEMPORAL_TLS_CLIENT_CERT_PATH: 'NOTPEM', TEMPORAL_TLS_CLIENT_KEY_PATH: 'KEY' }, /no PEM block found/],
    [
      { TEMPORAL_TLS_CLIENT_CERT_PATH: 'CERT', TEMPORAL_TLS_CLIENT_CERT_DATA: '-----BEGIN X', TEMPORAL_TLS_CLIENT_KEY_PATH: 'KEY' },
      /either TEMPORAL_TLS_CLIENT_CERT_PATH or TEMPORAL_TLS_CLIENT_CERT_DATA/,
    ],
    [{ TEMPORAL_TLS: 'yes' }, /^TEMPORAL_TLS="yes" is invalid: 1 or 0/],
    [{ TEMPORAL_TLS_SERVER_NAME: 'bad name' }, /^TEMPORAL_TLS_SERVER_NAME="bad name" is invalid/],
    [{ TEMPORAL_TLS_DISABLE_HOST_VERIFICATION: 'true' }, /not supported by the TypeScript SDK/],
    [{ TEMPORAL_API_KEY: 'has space' }, /^TEMPORAL_API_KEY is invalid \(9 characters, value not shown\)/],
  ])('refuses %j in one line', (env, message) => {
    const files: Record<string, string> = { CERT: cert, KEY: key, NOTPEM: notPem };
    const resolved = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, files[v] ?? v]));
    const e = error(resolved);
    expect(e.message).toMatch(message);
    expect(e.message).not.toContain('\n');
  });

  it('never shows PEM data or the API key', () => {
    const e = error({ TEMPORAL_TLS_CLIENT_KEY_DATA: 'secret-key-material', TEMPORAL_TLS_CLIENT_CERT_DATA: '-----BEGIN CERTIFICATE-----' });
    expect(e.message).not.toContain('secret-key-material');
  });
});
