import { LETTERS_DIR, readLetter } from '../../fixtures/letters';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { everything, PLURAL_SUFFIX, ROOT } from './catalogues';

interface Entry {
  term: string;
  anchor: string;
  forms: RegExp[];
  avoid: string[];
  quotes: Array<{ seed: string; text: string }>;
}

/** The table of docs/glossary.md, read as data: the one place the terms are defined. */
function glossary(): Entry[] {
  const lines = readFileSync(join(ROOT, 'docs', 'glossary.md'), 'utf8').split('\n');
  const start = lines.findIndex((l) => l.startsWith('| 术语'));
  const rows = lines.slice(start + 2).filter((l) => l.startsWith('| '));
  return rows.map((row) => {
    // No cell holds a '|' (the English forms are written without alternation for that reason).
    const [term, , anchor, forms, avoid, letters] = row
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    return {
      term,
      anchor: anchor.replace(/`/g, ''),
      forms: [...forms.matchAll(/`([^`]+)`/g)].map((m) => new RegExp(m[1], 'i')),
      avoid: avoid ? avoid.split(/\s*[,,、]\s*/) : [],
      quotes: [...letters.matchAll(/(\d{3})[^「]*「([^」]+)」/g)].map((m) => ({ seed: m[1], text: m[2] })),
    };
  });
}

const ENTRIES = glossary();
const TERMS = ENTRIES.map((e) => e.term).sort((a, b) => b.length - a.length);
const withoutPlaceholders = (text: string) => text.replace(/{{[^}]*}}/g, ' ');
/** The text with the glossary's longer terms that contain `term` taken out (故障报告 when looking for 故障). */
const withoutLonger = (text: string, term: string) =>
  TERMS.filter((t) => t !== term && t.includes(term)).reduce((s, t) => s.split(t).join(' '), text);
const withoutTerms = (text: string) => TERMS.reduce((s, t) => s.split(t).join(' '), text);

/** Pairs of (key, en, zh): every key of every catalogue, en plural forms matched to zh's single form. */
function pairs(): Array<{ key: string; en: string; zh: string }> {
  const [en, zh] = [everything('en'), everything('zh-CN')];
  return [...en].map(([key, text]) => ({
    key,
    en: withoutPlaceholders(text),
    zh: withoutPlaceholders(zh.get(key) ?? zh.get(key.replace(PLURAL_SUFFIX, '_other')) ?? ''),
  }));
}

describe('the zh-CN glossary (docs/glossary.md)', () => {
  it('has its terms, each once, with English forms for the concepts the catalogues name', () => {
    expect(ENTRIES.length).toBeGreaterThan(30);
    expect(new Set(TERMS).size).toBe(TERMS.length);
    for (const must of [
      '电话响应',
      '远程诊断',
      '到达现场',
      '备品备件',
      '专家会诊',
      '违约金',
      '不可抗力',
      '签字确认',
      '故障报告',
      '恢复服务',
      '暂停计时',
    ]) {
      expect(TERMS).toContain(must);
    }
  });

  it('quotes the letters exactly: every passage is in the seed it is attributed to', () => {
    const seeds = new Map(
      readdirSync(LETTERS_DIR)
        .filter((f) => /^\d{3}_/.test(f))
        .map((f) => [f.slice(0, 3), readLetter(f).replace(/\s/g, '')]),
    );
    const quotes = ENTRIES.flatMap((e) => e.quotes.map((q) => ({ term: e.term, ...q })));
    expect(quotes.length).toBeGreaterThan(30);
    expect(quotes.filter((q) => !seeds.get(q.seed)?.includes(q.text.replace(/\s/g, '')))).toEqual([]);
  });

  it('anchors each term at the label of its concept, in both languages', () => {
    const [en, zh] = [everything('en'), everything('zh-CN')];
    const wrong = ENTRIES.filter((e) => {
      const zhText = zh.get(e.anchor) ?? zh.get(`${e.anchor}_other`);
      const enText = en.get(e.anchor) ?? en.get(`${e.anchor}_other`);
      return !zhText?.includes(e.term) || !enText || (e.forms.length > 0 && !e.forms.some((f) => f.test(enText)));
    });
    expect(wrong.map((e) => `${e.term} @ ${e.anchor}`)).toEqual([]);
  });

  it('is rendered the same everywhere: where the English names a concept, the Chinese uses its term, and the other way round', () => {
    const problems = pairs().flatMap(({ key, en, zh }) =>
      ENTRIES.flatMap((e) => {
        if (e.forms.length === 0) return [];
        const named = e.forms.some((f) => f.test(en));
        const used = withoutLonger(zh, e.term).includes(e.term);
        if (named && !zh.includes(e.term)) return [`${key}: "${en.trim()}" names ${e.term}, but zh says "${zh.trim()}"`];
        if (used && !named) return [`${key}: zh "${zh.trim()}" uses ${e.term}, but en "${en.trim()}" names none of its forms`];
        return [];
      }),
    );
    expect(problems).toEqual([]);
  });

  it('never uses a rendering the glossary says to avoid', () => {
    const problems = pairs().flatMap(({ key, zh }) => {
      const rest = withoutTerms(zh);
      return ENTRIES.flatMap((e) => e.avoid.filter((a) => rest.includes(a)).map((a) => `${key}: "${zh.trim()}" uses ${a} (say ${e.term})`));
    });
    expect(problems).toEqual([]);
  });
});
