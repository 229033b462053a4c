import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { stepBodyJsonSchema, stepNames } from '../../../src/domain/catalogue';
import { LABELLED } from '../../../src/i18n/vocabulary';
import { CATALOGUES, everything, LANGUAGES, PLURAL_SUFFIX, ROOT } from './catalogues';

const base = (key: string) => key.replace(PLURAL_SUFFIX, '');
const placeholders = (text: string) => [...text.matchAll(/{{\s*([\w.]+)[^}]*}}/g)].map((m) => m[1]).sort();

function filesUnder(dir: string, ext: RegExp): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return filesUnder(path, ext);
    return ext.test(name) ? [path] : [];
  });
}
const source = (path: string) => readFileSync(join(ROOT, path), 'utf8');

/** Every key exists in both languages, plural forms as each language needs them, same placeholders, nothing empty. */
describe.each(Object.entries(CATALOGUES))('the %s catalogue', (_name, load) => {
  const [zh, en] = [load('zh-CN'), load('en')];

  it('has the same keys in zh-CN and en (plural forms aside)', () => {
    const keys = (m: Map<string, string>) => [...new Set([...m.keys()].map(base))].sort();
    expect(keys(zh).filter((k) => !keys(en).includes(k))).toEqual([]);
    expect(keys(en).filter((k) => !keys(zh).includes(k))).toEqual([]);
  });

  it.each(LANGUAGES)('has, in %s, every plural form the language needs and no other', (lng) => {
    const catalogue = load(lng);
    const needed = new Intl.PluralRules(lng).resolvedOptions().pluralCategories.sort();
    const plural = [...catalogue.keys()].filter((k) => PLURAL_SUFFIX.test(k));
    for (const key of new Set(plural.map(base))) {
      const forms = plural.filter((k) => base(k) === key).map((k) => PLURAL_SUFFIX.exec(k)![1]);
      expect({ key, forms: forms.sort() }).toEqual({ key, forms: needed });
    }
    // A key plural in one language is plural in the other.
    const other = load(lng === 'en' ? 'zh-CN' : 'en');
    for (const key of new Set(plural.map(base))) expect({ key, plural: other.has(key) }).toEqual({ key, plural: false });
  });

  it('says the same things in both languages: same placeholders, no empty text', () => {
    for (const [key, text] of en) {
      expect({ key, empty: text.trim() === '' }).toEqual({ key, empty: false });
      const zhText = zh.get(key) ?? zh.get(key.replace(PLURAL_SUFFIX, '_other')) ?? '';
      expect({ key, placeholders: placeholders(zhText) }).toEqual({ key, placeholders: placeholders(text) });
    }
    for (const [key, text] of zh) expect({ key, empty: text.trim() === '' }).toEqual({ key, empty: false });
  });
});

describe('labels of the domain', () => {
  const has = (m: Map<string, string>, key: string) => m.has(key) || m.has(`${key}_other`);

  it.each(LANGUAGES)('every identifier the domain labels has a label in %s', (lng) => {
    const catalogue = everything(lng);
    const missing = Object.entries(LABELLED).flatMap(([group, ids]) =>
      (ids as string[]).map((id) => `domain:${group}.${id}`).filter((k) => !has(catalogue, k)),
    );
    expect(missing).toEqual([]);
    for (const kind of LABELLED.notificationKind) {
      expect(catalogue.has(`notification:title.${kind}`) && catalogue.has(`notification:text.${kind}`)).toBe(true);
    }
  });

  it.each(LANGUAGES)('every timeline event the ladder records has a label in %s', (lng) => {
    const catalogue = everything(lng);
    // Wherever the ladder lives (workflows/ today, src/domain/ladder tomorrow): the kinds it records.
    const ladder = [...filesUnder('workflows', /\.ts$/), ...filesUnder('src/domain', /\.ts$/)].map(source).join('\n');
    const kinds = [...ladder.matchAll(/record\(\s*state,\s*effects,\s*'([a-z_]+)'/g)].map((m) => m[1]);
    expect(kinds.length).toBeGreaterThan(10);
    // end() records the status it ends with; step events are `step:<name>`.
    const all = [...new Set([...kinds, 'excluded', 'cancelled', ...LABELLED.step.map((s) => `step.${s}`)])];
    expect(all.filter((k) => !catalogue.has(`domain:event.${k}`))).toEqual([]);
  });
});

describe('keys the code names', () => {
  const consoleFiles = filesUnder('console', /\.js$/).filter((f) => !f.includes('vendor'));
  const serverFiles = [...filesUnder('src', /\.ts$/), ...filesUnder('activities', /\.ts$/)];

  /** Literal keys in t('…') calls and the other places the code spells a key out. */
  function literalKeys(files: string[], defaultNs: string): Array<{ file: string; key: string }> {
    return files.flatMap((file) => {
      const text = source(file);
      const found = [
        ...[...text.matchAll(/\bt\(\s*(['`])([\w.:-]+)\1/g)].map((m) => m[2]),
        ...[...text.matchAll(/\bnav: '([\w.]+)'/g)].map((m) => m[1]),
        ...[...text.matchAll(/signInView\('([\w.]+)'\)/g)].map((m) => m[1]),
      ];
      return found.map((key) => ({ file: relative(ROOT, join(ROOT, file)), key: key.includes(':') ? key : `${defaultNs}:${key}` }));
    });
  }

  it.each(LANGUAGES)('every key the console and the server spell out exists in %s', (lng) => {
    const catalogue = everything(lng);
    const used = [...literalKeys(consoleFiles, 'ui'), ...literalKeys(serverFiles, 'domain')];
    expect(used.length).toBeGreaterThan(150);
    expect(used.filter(({ key }) => !catalogue.has(key) && !catalogue.has(`${key}_other`))).toEqual([]);
  });

  it.each(LANGUAGES)('keys the code builds from its own lists exist in %s', (lng) => {
    const catalogue = everything(lng);
    // The console labels a step's field by its x-label, else its name (console/views/steps.js).
    const fields = stepNames().flatMap((name) => {
      const body = stepBodyJsonSchema(name) as { properties?: Record<string, { 'x-label'?: string }> };
      return Object.entries(body.properties ?? {})
        .filter(([field]) => field !== 'actor')
        .map(([field, schema]) => `ui:stepField.${schema['x-label'] ?? field}`);
    });
    const api = source('console/lib/api.js');
    const codes = [...(/KNOWN_CODES = \[([^\]]+)\]/.exec(api)?.[1] ?? '').matchAll(/'(\w+)'/g)].map((m) => `ui:error.code.${m[1]}`);
    const report = source('src/domain/report/fault-report.ts');
    const columns = [...report.matchAll(/header\(\[([^\]]+)\]\)/g)].flatMap((m) =>
      [...m[1].matchAll(/'(\w+)'/g)].map((c) => `report:column.${c[1]}`),
    );
    const reportFields = [...report.matchAll(/field\('(\w+)'/g)].map((m) => `report:${m[1]}`);
    const wanted = [
      ...fields,
      'ui:stepField.note',
      ...codes,
      'ui:error.code.unknown',
      ...columns,
      ...reportFields,
      ...LANGUAGES.map((l) => `ui:app.languageName.${l}`),
    ];
    expect(fields.length).toBeGreaterThan(8);
    expect(codes.length).toBeGreaterThan(8);
    expect(columns.length).toBeGreaterThan(8);
    expect(wanted.filter((k) => !catalogue.has(k))).toEqual([]);
  });
});
