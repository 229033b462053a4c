/**
 * Process configuration, read only from the environment and validated at boot.
 * A bad value stops the process with one line naming the variable and what it expects.
 */
import { ConfigError } from './config-error';
import { temporalConnectionSettings, type TemporalConnectionSettings } from './temporal-connection';

export { ConfigError };

export interface AppConfig {
  databaseUrl: string;
  databasePoolSize: number;
  temporalAddress: string;
  temporalNamespace: string;
  /** TEMPORAL_TLS*, TEMPORAL_API_KEY, TEMPORAL_GRPC_META_*: how to reach Temporal securely (absent: plain gRPC). */
  temporalConnection?: TemporalConnectionSettings;
  taskQueue: string;
  port: number;
  host: string;
  logLevel: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  /** ADMIN_TOKEN: the secret of the `bootstrap-admin` API token (stored hashed at API start). */
  adminToken?: string;
  /** CORS_ORIGINS: browser origins allowed to call the API; CORS is off when absent. `['*']`: any origin. */
  corsOrigins?: string[];
  /** EMBEDDED_DEFAULTS=1 (set by `npm start`): with no ADMIN_TOKEN and no active admin token, one is generated and printed once. */
  embeddedDefaults?: boolean;
  /** RATE_LIMIT_WRITES_PER_SECOND: sustained writes per token and second (0 disables the limit); default 20. */
  rateLimitWritesPerSecond?: number;
  /** RATE_LIMIT_WRITES_BURST: writes a token may make at once before the rate applies; default 50. */
  rateLimitWritesBurst?: number;
  /** WORKER_METRICS_PORT: the worker serves Prometheus /metrics (SDK runtime + product counters) on HOST:port; off when absent. */
  workerMetricsPort?: number;
  /** OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, or OTEL_EXPORTER_OTLP_ENDPOINT + /v1/traces: OTLP/HTTP traces; tracing is off when absent. */
  otlpTracesEndpoint?: string;
  /** OTEL_SERVICE_NAME: the service name on spans (default escalation-api / escalation-worker). */
  otelServiceName?: string;
}

export const DEFAULT_RATE_LIMIT_WRITES_PER_SECOND = 20;
export const DEFAULT_RATE_LIMIT_WRITES_BURST = 50;
export const ADMIN_TOKEN_MIN_LENGTH = 32;

type Env = Record<string, string | undefined>;

function required(env: Env, name: string, expectation: string, check: (v: string) => boolean): string {
  const value = env[name];
  if (value === undefined || value.trim() === '') throw new ConfigError(name, expectation);
  if (!check(value)) throw new ConfigError(name, expectation, value);
  return value;
}

function optional(env: Env, name: string, fallback: string, expectation: string, check: (v: string) => boolean): string {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (!check(value)) throw new ConfigError(name, expectation, value);
  return value;
}

const isPostgresUrl = (v: string): boolean => {
  try {
    const u = new URL(v);
    return (u.protocol === 'postgres:' || u.protocol === 'postgresql:') && u.hostname !== '' && u.pathname.length > 1;
  } catch {
    return false;
  }
};
const isHostPort = (v: string): boolean => /^[A-Za-z0-9.\-_[\]:]+:\d{1,5}$/.test(v);
const isPort = (v: string): boolean => /^\d{1,5}$/.test(v) && Number(v) > 0 && Number(v) < 65536;
const isIdentifier = (v: string): boolean => /^[A-Za-z0-9._-]{1,200}$/.test(v);
const LOG_LEVELS = ['error', 'warn', 'log', 'debug', 'verbose'] as const;

/** Visible ASCII only (it travels in an HTTP header), at least 32 characters, at most 512. */
function adminToken(env: Env): string | undefined {
  const value = env.ADMIN_TOKEN;
  if (value === undefined || value === '') return undefined;
  const expectation = `a secret of ${ADMIN_TOKEN_MIN_LENGTH} to 512 visible ASCII characters without spaces, e.g. from \`openssl rand -base64 32\``;
  if (value.length < ADMIN_TOKEN_MIN_LENGTH || value.length > 512 || !/^[\x21-\x7e]+$/.test(value)) {
    throw new ConfigError('ADMIN_TOKEN', expectation, value, { secret: true });
  }
  return value;
}

/** A comma-separated list of origins (scheme://host[:port], no path), or `*` alone. */
function corsOrigins(env: Env): string[] | undefined {
  const value = env.CORS_ORIGINS;
  if (value === undefined || value.trim() === '') return undefined;
  const expectation =
    'a comma-separated list of origins such as https://ops.example.com,http://localhost:5173 (scheme, host and port only), or * alone';
  const origins = value.split(',').map((o) => o.trim());
  if (origins.length === 1 && origins[0] === '*') return ['*'];
  const isOrigin = (o: string): boolean => {
    try {
      const u = new URL(o);
      return (u.protocol === 'http:' || u.protocol === 'https:') && u.origin === o;
    } catch {
      return false;
    }
  };
  if (origins.some((o) => !isOrigin(o))) throw new ConfigError('CORS_ORIGINS', expectation, value);
  return [...new Set(origins)];
}

const isHttpUrl = (v: string): boolean => {
  try {
    const u = new URL(v);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
};

/** The OTel exporter conventions: the traces endpoint as given, or the base endpoint plus /v1/traces. */
function otlpTracesEndpoint(env: Env): string | undefined {
  const expectation = 'an OTLP/HTTP URL such as http://otel-collector:4318';
  const traces = optional(env, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', '', `${expectation}/v1/traces`, isHttpUrl);
  if (traces) return traces;
  const base = optional(env, 'OTEL_EXPORTER_OTLP_ENDPOINT', '', expectation, isHttpUrl);
  return base ? `${base.replace(/\/+$/, '')}/v1/traces` : undefined;
}

function flag(env: Env, name: string): boolean {
  const value = optional(env, name, '0', '1 or 0 (also true or false)', (v) => ['1', '0', 'true', 'false'].includes(v.toLowerCase()));
  return value === '1' || value.toLowerCase() === 'true';
}

export function loadConfig(env: Env = process.env): AppConfig {
  return {
    databaseUrl: required(env, 'DATABASE_URL', 'a PostgreSQL URL such as postgres://user:password@host:5432/database', isPostgresUrl),
    databasePoolSize: Number(
      optional(env, 'DATABASE_POOL_SIZE', '10', 'an integer between 1 and 200', (v) => /^\d+$/.test(v) && +v >= 1 && +v <= 200),
    ),
    temporalAddress: required(env, 'TEMPORAL_ADDRESS', 'the Temporal frontend as host:port, e.g. 127.0.0.1:7233', isHostPort),
    temporalNamespace: optional(env, 'TEMPORAL_NAMESPACE', 'default', 'a Temporal namespace name', isIdentifier),
    temporalConnection: temporalConnectionSettings(env),
    taskQueue: optional(env, 'TEMPORAL_TASK_QUEUE', 'incidents', 'a task queue name (letters, digits, . _ -)', isIdentifier),
    port: Number(optional(env, 'PORT', '3000', 'a TCP port between 1 and 65535', isPort)),
    host: optional(env, 'HOST', '0.0.0.0', 'an interface address to listen on, e.g. 0.0.0.0 or 127.0.0.1', (v) => v.length > 0),
    logLevel: optional(env, 'LOG_LEVEL', 'log', `one of ${LOG_LEVELS.join(', ')}`, (v) =>
      (LOG_LEVELS as readonly string[]).includes(v),
    ) as AppConfig['logLevel'],
    workerMetricsPort: env.WORKER_METRICS_PORT
      ? Number(optional(env, 'WORKER_METRICS_PORT', '', 'a TCP port between 1 and 65535', isPort))
      : undefined,
    otlpTracesEndpoint: otlpTracesEndpoint(env),
    otelServiceName: env.OTEL_SERVICE_NAME
      ? optional(env, 'OTEL_SERVICE_NAME', '', 'a service name (letters, digits, . _ -)', isIdentifier)
      : undefined,
    adminToken: adminToken(env),
    corsOrigins: corsOrigins(env),
    embeddedDefaults: flag(env, 'EMBEDDED_DEFAULTS'),
    rateLimitWritesPerSecond: Number(
      optional(
        env,
        'RATE_LIMIT_WRITES_PER_SECOND',
        String(DEFAULT_RATE_LIMIT_WRITES_PER_SECOND),
        'a number of requests per second, 0 to disable the limit',
        (v) => /^\d+(\.\d+)?$/.test(v) && +v <= 100_000,
      ),
    ),
    rateLimitWritesBurst: Number(
      optional(
        env,
        'RATE_LIMIT_WRITES_BURST',
        String(DEFAULT_RATE_LIMIT_WRITES_BURST),
        'an integer between 1 and 100000',
        (v) => /^\d+$/.test(v) && +v >= 1 && +v <= 100_000,
      ),
    ),
  };
}

/** Runs a process entry point; a ConfigError ends it with one line and exit code 78 (EX_CONFIG). */
export function exitOnConfigError(error: unknown): never {
  if (error instanceof ConfigError) {
    process.stderr.write(`Configuration error: ${error.message}\n`);
    process.exit(78);
  }
  throw error;
}
