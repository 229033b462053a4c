/**
 * Process configuration, read only from the environment and validated at boot.
 * A bad value stops the process with one line naming the variable and what it expects.
 */
export class ConfigError extends Error {
  constructor(readonly variable: string, expectation: string, value?: string) {
    super(`${variable}${value === undefined ? ' is not set' : `=${JSON.stringify(value)} is invalid`}: ${expectation}`);
    this.name = 'ConfigError';
  }
}

export interface AppConfig {
  databaseUrl: string;
  databasePoolSize: number;
  temporalAddress: string;
  temporalNamespace: string;
  taskQueue: string;
  port: number;
  host: string;
  logLevel: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
}

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

export function loadConfig(env: Env = process.env): AppConfig {
  return {
    databaseUrl: required(env, 'DATABASE_URL', 'a PostgreSQL URL such as postgres://user:password@host:5432/database', isPostgresUrl),
    databasePoolSize: Number(
      optional(env, 'DATABASE_POOL_SIZE', '10', 'an integer between 1 and 200', (v) => /^\d+$/.test(v) && +v >= 1 && +v <= 200),
    ),
    temporalAddress: required(env, 'TEMPORAL_ADDRESS', 'the Temporal frontend as host:port, e.g. 127.0.0.1:7233', isHostPort),
    temporalNamespace: optional(env, 'TEMPORAL_NAMESPACE', 'default', 'a Temporal namespace name', isIdentifier),
    taskQueue: optional(env, 'TEMPORAL_TASK_QUEUE', 'incidents', 'a task queue name (letters, digits, . _ -)', isIdentifier),
    port: Number(optional(env, 'PORT', '3000', 'a TCP port between 1 and 65535', isPort)),
    host: optional(env, 'HOST', '0.0.0.0', 'an interface address to listen on, e.g. 0.0.0.0 or 127.0.0.1', (v) => v.length > 0),
    logLevel: optional(env, 'LOG_LEVEL', 'log', `one of ${LOG_LEVELS.join(', ')}`, (v) =>
      (LOG_LEVELS as readonly string[]).includes(v),
    ) as AppConfig['logLevel'],
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
