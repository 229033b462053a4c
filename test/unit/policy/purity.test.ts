/**
 * Policy, penalty and template code runs inside Temporal workflow sandboxes
 * too: it may import only decimal.js and relative modules, and must not read
 * the clock, draw random numbers or touch Node built-ins.
 */
import { readFileSync, readdirSync } from 'fs';
import { join } from 'path';

const ROOT = join(__dirname, '../../../src/domain');
const FILES = ['policy', 'penalty', 'templates'].flatMap((dir) =>
  readdirSync(join(ROOT, dir))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => `${dir}/${f}`),
);

describe('policy / penalty / template sources are workflow-safe', () => {
  it('finds the sources', () => {
    expect(FILES).toEqual(
      expect.arrayContaining(['policy/policy.ts', 'penalty/money.ts', 'penalty/terms.ts', 'penalty/penalty.ts', 'templates/index.ts']),
    );
  });

  it.each(FILES)('%s imports only decimal.js and relative modules', (file) => {
    const src = readFileSync(join(ROOT, file), 'utf8');
    const specifiers = [
      ...src.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s*['"]([^'"\n]+)['"]/gm),
      ...src.matchAll(/^\s*import\s*['"]([^'"\n]+)['"]/gm),
      ...src.matchAll(/\b(?:import|require)\s*\(\s*['"]([^'"\n]+)['"]/g),
    ].map((m) => m[1]);
    for (const s of specifiers) expect([s, s === 'decimal.js' || s.startsWith('./') || s.startsWith('../')]).toEqual([s, true]);
  });

  it.each(FILES)('%s uses no clock, randomness, process or globals', (file) => {
    const code = readFileSync(join(ROOT, file), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, '');
    for (const banned of [
      /Date\.now/,
      /new Date\(/,
      /Math\.random/,
      /\bprocess\./,
      /\brequire\(/,
      /globalThis/,
      /performance\./,
      /setTimeout/,
      /Decimal\.(set|config)\(/,
    ]) {
      expect(code).not.toMatch(banned);
    }
  });
});
