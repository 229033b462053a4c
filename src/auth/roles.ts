/** The four roles a token can carry (several at once). */
export const ROLES = ['admin', 'engineer', 'finance', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
