/**
 * How the API and the worker reach Temporal securely: TLS, mTLS and an API key, read from the
 * environment with @temporalio/envconfig's variable names (the Temporal CLI and SDKs use the same).
 * Validated here, at boot, so a wrong setting stops the process with one line instead of a
 * handshake error later. Files are read once, at boot: a renewed certificate needs a restart.
 */
import { accessSync, constants, readFileSync } from 'node:fs';
import type { TLSConfig } from '@temporalio/common/lib/internal-non-workflow';
import { loadClientConnectConfig } from '@temporalio/envconfig';
import { ConfigError } from './config-error';

/** What both Connection (client) and NativeConnection (worker) accept besides the address. */
export interface TemporalConnectionSettings {
  /** false / undefined: plain gRPC. */
  tls?: TLSConfig | boolean;
  apiKey?: string;
  /** TEMPORAL_GRPC_META_<NAME>: gRPC headers sent with every call. */
  metadata?: Record<string, string>;
}

type Env = Record<string, string | undefined>;

const BOOL = ['1', '0', 'true', 'false'];

/** A PEM file or PEM text, given as <PREFIX>_PATH or <PREFIX>_DATA (not both). */
function pem(env: Env, prefix: string, what: string): boolean {
  const path = env[`${prefix}_PATH`] || undefined;
  const data = env[`${prefix}_DATA`] || undefined;
  if (path && data)
    throw new ConfigError(`${prefix}_DATA`, `set either ${prefix}_PATH or ${prefix}_DATA, not both`, data, { secret: true });
  if (data !== undefined && !data.includes('-----BEGIN ')) {
    throw new ConfigError(`${prefix}_DATA`, `${what} in PEM form (-----BEGIN …)`, data, { secret: true });
  }
  if (path !== undefined) {
    const expectation = `a readable file holding ${what} in PEM form`;
    try {
      accessSync(path, constants.R_OK);
    } catch (error) {
      throw new ConfigError(`${prefix}_PATH`, `${expectation} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`, path);
    }
    if (!readFileSync(path, 'utf8').includes('-----BEGIN '))
      throw new ConfigError(`${prefix}_PATH`, `${expectation} (no PEM block found)`, path);
  }
  return path !== undefined || data !== undefined;
}

/** Checks the TEMPORAL_TLS* and TEMPORAL_API_KEY variables, then lets envconfig assemble the options. */
export function temporalConnectionSettings(env: Env): TemporalConnectionSettings {
  for (const name of ['TEMPORAL_TLS', 'TEMPORAL_TLS_DISABLE_HOST_VERIFICATION']) {
    const value = env[name];
    if (value !== undefined && value !== '' && !BOOL.includes(value)) throw new ConfigError(name, '1 or 0 (also true or false)', value);
  }
  if (env.TEMPORAL_TLS_DISABLE_HOST_VERIFICATION === '1' || env.TEMPORAL_TLS_DISABLE_HOST_VERIFICATION === 'true') {
    throw new ConfigError(
      'TEMPORAL_TLS_DISABLE_HOST_VERIFICATION',
      'not supported by the TypeScript SDK: give the server CA (TEMPORAL_TLS_SERVER_CA_CERT_PATH) and the name on its certificate (TEMPORAL_TLS_SERVER_NAME)',
      env.TEMPORAL_TLS_DISABLE_HOST_VERIFICATION,
    );
  }
  const cert = pem(env, 'TEMPORAL_TLS_CLIENT_CERT', 'the client certificate');
  const key = pem(env, 'TEMPORAL_TLS_CLIENT_KEY', "the client certificate's private key");
  if (cert !== key) {
    const [missing, given] = cert
      ? ['TEMPORAL_TLS_CLIENT_KEY_PATH', 'TEMPORAL_TLS_CLIENT_CERT_*']
      : ['TEMPORAL_TLS_CLIENT_CERT_PATH', 'TEMPORAL_TLS_CLIENT_KEY_*'];
    throw new ConfigError(missing, `mTLS needs both the client certificate and its key: ${given} is set`);
  }
  pem(env, 'TEMPORAL_TLS_SERVER_CA_CERT', "the CA certificate that signed the Temporal server's certificate");
  const serverName = env.TEMPORAL_TLS_SERVER_NAME;
  if (serverName && !/^[A-Za-z0-9.-]{1,253}$/.test(serverName)) {
    throw new ConfigError('TEMPORAL_TLS_SERVER_NAME', "the host name on the server's certificate, e.g. temporal.internal", serverName);
  }
  const apiKey = env.TEMPORAL_API_KEY;
  if (apiKey && !/^[\x21-\x7e]{1,8192}$/.test(apiKey)) {
    throw new ConfigError('TEMPORAL_API_KEY', 'an API key of visible ASCII characters without spaces', apiKey, { secret: true });
  }
  // Only the variables: no TOML profile file is read, so the environment stays the one source.
  const vars = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''));
  const { connectionOptions } = loadClientConnectConfig({ disableFile: true, overrideEnvVars: vars });
  const tls = connectionOptions.tls ?? undefined;
  return {
    tls: tls === null ? undefined : tls,
    apiKey: typeof connectionOptions.apiKey === 'string' ? connectionOptions.apiKey : undefined,
    metadata: connectionOptions.metadata as Record<string, string> | undefined,
  };
}

/** For the boot line: what kind of connection, never the secrets. */
export function describeConnection(settings: TemporalConnectionSettings | undefined): string {
  if (!settings?.tls) return settings?.apiKey ? 'plain gRPC with an API key' : 'plain gRPC';
  const mtls = typeof settings.tls === 'object' && settings.tls.clientCertPair ? 'mTLS' : 'TLS';
  return settings.apiKey ? `${mtls} with an API key` : mtls;
}
