/**
 * The clock engine also runs inside Temporal workflow sandboxes: it may import
 * only luxon, zod (its input schemas) and relative modules, and must not read the
 * clock, draw random numbers or touch Node built-ins.
 */
import { readFileSync } from 'fs';
import { join } from 'path';

const DIR = join(__dirname, '../../../src/domain/clock');
const FILES = ['types.ts', 'calendar.ts', 'engine.ts', 'index.ts', 'dates.ts', 'schema.ts', '../validation.ts'];

describe('clock engine sources are workflow-safe', () => {
  it.each(FILES)('%s imports only luxon, zod and relative modules', (file) => {
    const src = readFileSync(join(DIR, file), 'utf8');
    // import … from 'x' / export … from 'x' / import 'x' / import('x') / require('x')
    const specifiers = [
      ...src.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s*['"]([^'"\n]+)['"]/gm),
      ...src.matchAll(/^\s*import\s*['"]([^'"\n]+)['"]/gm),
      ...src.matchAll(/\b(?:import|require)\s*\(\s*['"]([^'"\n]+)['"]/g),
    ].map((m) => m[1]);
    for (const s of specifiers) expect([s, s === 'luxon' || s === 'zod' || s.startsWith('./') || s.startsWith('../')]).toEqual([s, true]);
    for (const s of specifiers.filter((x) => x.startsWith('../'))) expect(['../errors', '../validation']).toContain(s);
  });

  it.each(FILES)('%s uses no clock, randomness, process or globals', (file) => {
    const code = readFileSync(join(DIR, file), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, '');
    for (const banned of [
      /Date\.now/,
      /new Date\(\s*\)/,
      /Math\.random/,
      /\bprocess\./,
      /\brequire\(/,
      /globalThis/,
      /\bSettings\b/,
      /performance\./,
      /setTimeout/,
    ]) {
      expect(code).not.toMatch(banned);
    }
  });
});
