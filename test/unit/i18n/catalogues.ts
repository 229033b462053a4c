/** The product's catalogues, flattened to `namespace:dotted.key` → text, per language. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LANGUAGES, type Language } from '../../../src/i18n/languages';

export const ROOT = join(__dirname, '..', '..', '..');
export const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

function flatten(value: unknown, prefix: string, out: Map<string, string>): void {
  if (typeof value === 'string') {
    out.set(prefix, value);
    return;
  }
  if (typeof value !== 'object' || value === null) throw new Error(`${prefix}: not a string or an object`);
  for (const [k, v] of Object.entries(value)) flatten(v, prefix.endsWith(':') ? `${prefix}${k}` : `${prefix}.${k}`, out);
}

const json = (path: string) => JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as Record<string, unknown>;

/** The server's catalogue (namespaces domain, report, notification), one file per language. */
export function serverCatalogue(lng: Language): Map<string, string> {
  const out = new Map<string, string>();
  for (const [ns, tree] of Object.entries(json(`src/i18n/locales/${lng}.json`))) flatten(tree, `${ns}:`, out);
  return out;
}

/** The console's own catalogue (namespace ui). */
export function consoleCatalogue(lng: Language): Map<string, string> {
  const out = new Map<string, string>();
  flatten(json(`console/locales/${lng}/ui.json`), 'ui:', out);
  return out;
}

export const CATALOGUES = {
  server: serverCatalogue,
  console: consoleCatalogue,
};

/** Every catalogue of a language in one map. */
export function everything(lng: Language): Map<string, string> {
  return new Map([...serverCatalogue(lng), ...consoleCatalogue(lng)]);
}

export { LANGUAGES };
