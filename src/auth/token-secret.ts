import { createHash, randomBytes } from 'node:crypto';

/** Every generated secret starts with this, so a leaked one is easy to recognize (and to scan for). */
export const TOKEN_PREFIX = 'eo_';

/** 32 random bytes, base64url: 256 bits, far beyond guessing, so one fast hash is the right store. */
export function generateSecret(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

/** What the database keeps instead of the secret: SHA-256, lowercase hex. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}
