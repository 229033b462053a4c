/**
 * The languages the product speaks. A person picks theirs in the console; a contract names the one
 * its customer-facing documents (fault reports, notifications) are written in.
 */
export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * New contracts default to Chinese: the commitment letters, the vendors and their customers are
 * Chinese. (Contracts that existed before contracts had a language were migrated to 'en', the
 * language their documents had been written in.)
 */
export const DEFAULT_CONTRACT_LANGUAGE: Language = 'zh-CN';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}
