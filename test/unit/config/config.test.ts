import { ConfigError, loadConfig } from '../../../src/config/config';

const BASE = { DATABASE_URL: 'postgres://u:p@localhost:5432/db', TEMPORAL_ADDRESS: '127.0.0.1:7233' };
const load = (env: Record<string, string>) => loadConfig({ ...BASE, ...env });
const error = (env: Record<string, string>): ConfigError => {
  try {
    load(env);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error(`no ConfigError for ${JSON.stringify(env)}`);
};

describe('config: access and hardening', () => {
  it('defaults: no admin token, CORS off, not embedded, writes limited to 20/s with bursts of 50', () => {
    expect(load({})).toMatchObject({
      adminToken: undefined,
      corsOrigins: undefined,
      embeddedDefaults: false,
      rateLimitWritesPerSecond: 20,
      rateLimitWritesBurst: 50,
    });
  });

  describe('ADMIN_TOKEN', () => {
    it('accepts 32 to 512 visible ASCII characters', () => {
      expect(load({ ADMIN_TOKEN: 'a'.repeat(32) }).adminToken).toBe('a'.repeat(32));
      const secret = 'eo_Zx9-_~!@#$%^&*()[]{}<>?/|=+;:,.AbCdEf0123';
      expect(load({ ADMIN_TOKEN: secret }).adminToken).toBe(secret);
      expect(load({ ADMIN_TOKEN: '' }).adminToken).toBeUndefined();
    });

    it.each([
      ['too short', 'a'.repeat(31)],
      ['too long', 'a'.repeat(513)],
      ['with a space', `${'a'.repeat(20)} ${'b'.repeat(20)}`],
      ['with a newline', `${'a'.repeat(40)}\n`],
      ['non-ASCII', `${'a'.repeat(40)}é`],
    ])('refuses one %s in one line that never shows the value', (_, value) => {
      const e = error({ ADMIN_TOKEN: value });
      expect(e.variable).toBe('ADMIN_TOKEN');
      expect(e.message).not.toContain('aaaaaaaaaa');
      expect(e.message).toMatch(/^ADMIN_TOKEN is invalid \(\d+ characters, value not shown\): a secret of 32 to 512/);
      expect(e.message).not.toContain('\n');
    });
  });

  describe('CORS_ORIGINS', () => {
    it('reads a comma-separated list of origins (trimmed, deduplicated), or * alone', () => {
      expect(load({ CORS_ORIGINS: 'https://ops.example.com, http://localhost:5173,https://ops.example.com' }).corsOrigins).toEqual([
        'https://ops.example.com',
        'http://localhost:5173',
      ]);
      expect(load({ CORS_ORIGINS: '*' }).corsOrigins).toEqual(['*']);
      expect(load({ CORS_ORIGINS: '  ' }).corsOrigins).toBeUndefined();
    });

    it.each([
      'ops.example.com',
      'https://ops.example.com/',
      'https://ops.example.com/app',
      'ftp://files.example.com',
      'https://a.example.com,',
      '*,https://a.example.com',
      'https://user@a.example.com',
    ])('refuses %j naming the variable', (value) => {
      const e = error({ CORS_ORIGINS: value });
      expect(e.variable).toBe('CORS_ORIGINS');
      expect(e.message).toContain(JSON.stringify(value));
      expect(e.message).toMatch(/comma-separated list of origins/);
    });
  });

  it('EMBEDDED_DEFAULTS is a flag', () => {
    expect(load({ EMBEDDED_DEFAULTS: '1' }).embeddedDefaults).toBe(true);
    expect(load({ EMBEDDED_DEFAULTS: 'true' }).embeddedDefaults).toBe(true);
    expect(load({ EMBEDDED_DEFAULTS: '0' }).embeddedDefaults).toBe(false);
    expect(error({ EMBEDDED_DEFAULTS: 'yes' }).variable).toBe('EMBEDDED_DEFAULTS');
  });

  it('RATE_LIMIT_WRITES_PER_SECOND: a non-negative number, 0 disables; RATE_LIMIT_WRITES_BURST: a positive integer', () => {
    expect(load({ RATE_LIMIT_WRITES_PER_SECOND: '0' }).rateLimitWritesPerSecond).toBe(0);
    expect(load({ RATE_LIMIT_WRITES_PER_SECOND: '2.5', RATE_LIMIT_WRITES_BURST: '5' })).toMatchObject({
      rateLimitWritesPerSecond: 2.5,
      rateLimitWritesBurst: 5,
    });
    for (const v of ['-1', 'fast', '1e3', '100001'])
      expect(error({ RATE_LIMIT_WRITES_PER_SECOND: v }).variable).toBe('RATE_LIMIT_WRITES_PER_SECOND');
    for (const v of ['0', '1.5', 'x']) expect(error({ RATE_LIMIT_WRITES_BURST: v }).variable).toBe('RATE_LIMIT_WRITES_BURST');
  });
});
