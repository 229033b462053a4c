import { bearerSecret } from '../../../src/auth/auth.guard';
import { generateSecret, hashSecret, TOKEN_PREFIX } from '../../../src/auth/token-secret';
import { UnauthorizedError } from '../../../src/common/errors';

describe('token secrets', () => {
  it('are 32 random bytes, base64url, behind a recognizable prefix; stored as SHA-256 hex', () => {
    const a = generateSecret();
    const b = generateSecret();
    expect(a).toMatch(/^eo_[A-Za-z0-9_-]{43}$/);
    expect(a.startsWith(TOKEN_PREFIX)).toBe(true);
    expect(Buffer.from(a.slice(3), 'base64url')).toHaveLength(32);
    expect(a).not.toBe(b);
    expect(hashSecret(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashSecret(a)).toBe(hashSecret(a));
    expect(hashSecret(a)).not.toBe(hashSecret(b));
    expect(hashSecret('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('Authorization: Bearer', () => {
  it('takes the token of a Bearer header (scheme case-insensitive)', () => {
    expect(bearerSecret('Bearer eo_abc')).toBe('eo_abc');
    expect(bearerSecret('bearer   eo_abc  ')).toBe('eo_abc');
  });

  it.each([undefined, '', '   ', 'eo_abc', 'Basic eo_abc', 'Bearer', 'Bearer a b', `Bearer ${'x'.repeat(1025)}`])(
    'refuses %j with 401',
    (header) => {
      expect(() => bearerSecret(header)).toThrow(UnauthorizedError);
    },
  );
});
