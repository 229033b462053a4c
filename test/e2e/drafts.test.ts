/**
 * From a letter to a running contract over HTTP: POST /drafts (pasted text, a .txt or a .docx upload)
 * returns drafts whose fields point at the letter's sentences; POST /drafts/apply creates calendar,
 * policy and contract together or not at all; an incident is reported on the contract created.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { parseNumber } from '../../src/domain/drafts/numerals';
import { buildDocx } from '../fixtures/docx';
import { LETTERS_DIR, readLetter } from '../fixtures/letters';
import { startTestApp, type TestApp } from '../harness/context';

const SEEDS = readdirSync(LETTERS_DIR)
  .filter((f) => f.endsWith('.txt'))
  .sort();
const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
const paths = (body: { fieldErrors?: Array<{ path: string }> }) => (body.fieldErrors ?? []).map((e) => e.path);

interface Span {
  start: number;
  end: number;
}
interface Finding {
  id: string;
  kind: string;
  promise?: { kind: string; amount?: number };
  source: { span: Span; text: string; sentence: { span: Span; text: string } };
}
interface Letter {
  title: string;
  span: Span;
  findings: Finding[];
  draft: {
    calendar: Record<string, unknown>;
    policy: { severities: Record<string, unknown> };
    contractTerms: { currency: string; penalty: Record<string, unknown> | null; termMonths?: number };
    fields: Record<string, { status: string; findings: string[] }>;
    gaps: Array<{ review: boolean }>;
  };
}

/** The numbers written in a piece of a letter (Arabic or Chinese numerals, 半), as values. */
function numbersIn(text: string): number[] {
  return [...text.matchAll(/\d+(?:\.\d+)?|[零〇一二两兩三四五六七八九十百千万萬]+|半/g)]
    .map((m) => parseNumber(m[0].replace('兩', '两').replace('萬', '万')))
    .filter((n): n is number => n !== undefined);
}

describe('drafts: letter → draft → contract', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  const post = (body: unknown) => t.http.post('/api/v1/drafts').send(body as object);

  it.each(SEEDS)('%s: every stated target points at the sentence that states it', async (file) => {
    const text = readLetter(file);
    const res = await post({ text });
    expect(res.status).toBe(200);
    expect(res.body.text).toBe(text);
    expect(res.body.source).toEqual({ kind: 'text' });
    const letters = res.body.letters as Letter[];
    expect(letters.length).toBeGreaterThan(0);
    let checked = 0;
    for (const letter of letters) {
      const byId = new Map(letter.findings.map((f) => [f.id, f]));
      for (const [path, field] of Object.entries(letter.draft.fields)) {
        if (!/^policy\.severities\.[^.]+\.[^.]+\.[^.]+$/.test(path) || field.status !== 'stated') continue;
        for (const id of field.findings) {
          const f = byId.get(id)!;
          expect({ path, id, found: f !== undefined }).toEqual({ path, id, found: true });
          // The span is the words in the letter: slicing the returned text gives them back…
          expect(text.slice(f.source.span.start, f.source.span.end)).toBe(f.source.text);
          expect(text.slice(f.source.sentence.span.start, f.source.sentence.span.end)).toBe(f.source.sentence.text);
          // …inside their sentence, inside the letter…
          expect(f.source.span.start).toBeGreaterThanOrEqual(f.source.sentence.span.start);
          expect(f.source.span.end).toBeLessThanOrEqual(f.source.sentence.span.end);
          expect(f.source.span.start).toBeGreaterThanOrEqual(letter.span.start);
          expect(f.source.span.end).toBeLessThanOrEqual(letter.span.end);
          // …and they carry the number the draft took.
          if (f.promise?.kind === 'duration') {
            expect({ path, words: f.source.text, numbers: numbersIn(f.source.text).includes(f.promise.amount!) }).toEqual({
              path,
              words: f.source.text,
              numbers: true,
            });
          }
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('a .docx and a .txt upload of a letter give the same drafts as the pasted text', async () => {
    const file = SEEDS[0];
    const text = readLetter(file);
    const pasted = (await post({ text })).body;
    const docx = await t.http.post('/api/v1/drafts').attach('file', buildDocx(text), 'letter.docx');
    expect(docx.status).toBe(200);
    expect(docx.body.source).toEqual({ kind: 'docx', fileName: 'letter.docx' });
    expect(docx.body.text).toBe(text);
    expect(docx.body.letters).toEqual(pasted.letters);
    expect(docx.body.dropped).toEqual(pasted.dropped);
    const stored = await t.http.post('/api/v1/drafts').attach('file', buildDocx(text, { store: true }), 'letter.docx');
    expect(stored.body.letters).toEqual(pasted.letters);
    const txt = await t.http.post('/api/v1/drafts').attach('file', Buffer.from(text, 'utf8'), 'letter.txt');
    expect(txt.status).toBe(200);
    expect(txt.body).toMatchObject({ source: { kind: 'txt', fileName: 'letter.txt' }, text, letters: pasted.letters });
  });

  it('refuses an empty or missing text, unknown fields, a wrong file type, and a role other than admin, naming the field', async () => {
    for (const [body, path] of [
      [{}, 'text'],
      [{ text: '' }, 'text'],
      [{ text: '  \n ' }, 'text'],
      [{ text: 42 }, 'text'],
      [{ text: 'x', extra: 1 }, 'extra'],
      [{ text: 'x'.repeat(200 * 1024 + 1) }, 'text'],
    ] as const) {
      const res = await post(body);
      expect({ body: JSON.stringify(body).slice(0, 40), status: res.status, paths: paths(res.body) }).toEqual({
        body: JSON.stringify(body).slice(0, 40),
        status: 400,
        paths: [path],
      });
    }
    const upload = (content: Buffer, name: string, field = 'file') => t.http.post('/api/v1/drafts').attach(field, content, name);
    for (const [res, path, message] of [
      [await upload(Buffer.from('%PDF-1.4'), 'letter.pdf'), 'file', /\.txt \(UTF-8\) or \.docx/],
      [await upload(Buffer.from('not a zip'), 'letter.docx'), 'file', /not a \.docx/],
      [await upload(Buffer.from([0xff, 0xfe, 0x41, 0x00]), 'letter.txt'), 'file', /UTF-8/],
      [await upload(Buffer.from(''), 'letter.txt'), 'file', /no text/],
      [await upload(Buffer.from('text'), 'letter.txt', 'letter'), 'letter', /upload the letter as "file"/],
      [await t.http.post('/api/v1/drafts').field('text', 'hello'), '(root)', /one part only/],
    ] as const) {
      expect({ status: res.status, paths: paths(res.body) }).toEqual({ status: 400, paths: [path] });
      expect(res.body.message).toMatch(message);
    }
    const engineer = await t.as(['engineer']);
    expect((await engineer.post('/api/v1/drafts').send({ text: 'We respond within 2 hours.' })).status).toBe(403);
  });

  it('OpenAPI documents both bodies of POST /drafts and the apply body from its schema', async () => {
    const doc = (await t.anonymous.get('/docs-json')).body;
    const draft = doc.paths['/api/v1/drafts'].post;
    expect(Object.keys(draft.requestBody.content).sort()).toEqual(['application/json', 'multipart/form-data']);
    const oneOf = draft.requestBody.content['application/json'].schema.oneOf;
    expect(oneOf.map((s: { required?: string[] }) => s.required)).toEqual([['text'], ['file']]);
    expect(draft['x-roles']).toEqual(['admin']);
    const apply = doc.paths['/api/v1/drafts/apply'].post;
    const ref = apply.requestBody.content['application/json'].schema.$ref as string;
    const schema = doc.components.schemas[ref.split('/').pop()!];
    expect(Object.keys(schema.properties).sort()).toEqual(['calendar', 'contract', 'name', 'policy']);
  });

  /** The reviewed draft of seed 000's first letter (Xinbei: penalty terms stated), as the console sends it. */
  async function reviewed(name: string) {
    const letter = (await post({ text: readLetter(SEEDS[0]) })).body.letters[0] as Letter;
    return {
      letter,
      body: {
        name,
        calendar: letter.draft.calendar,
        policy: letter.draft.policy,
        contract: {
          customer: 'XXXX单位',
          totalValue: '1000000.00',
          currency: letter.draft.contractTerms.currency,
          penaltyTerms: letter.draft.contractTerms.penalty,
          startsOn: '2026-01-01',
          termMonths: 12,
          language: 'zh-CN',
        },
      },
    };
  }

  const count = async (table: string, name: string) =>
    Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE name = $1`, [name]))[0].n);

  it('applies a draft: calendar, policy and contract in one step; an incident is reported on the contract (201)', async () => {
    const name = unique('Xinbei draft');
    const { letter, body } = await reviewed(name);
    expect(letter.draft.contractTerms.penalty).not.toBeNull();
    const res = await t.http.post('/api/v1/drafts/apply').send(body);
    expect(res.status).toBe(201);
    const { calendar, policy, contract } = res.body;
    expect(calendar).toMatchObject({ name, definition: letter.draft.calendar });
    expect(policy).toMatchObject({ name, version: 1, definition: letter.draft.policy });
    expect(contract).toMatchObject({
      name,
      customer: 'XXXX单位',
      calendarId: calendar.id,
      policyId: policy.id,
      currency: 'CNY',
      totalValue: '1000000.00',
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
      language: 'zh-CN',
      penaltyTerms: expect.objectContaining({ ratePerPeriod: letter.draft.contractTerms.penalty!.ratePerPeriod }),
    });
    expect((await t.http.get(`/api/v1/contracts/${contract.id}`)).status).toBe(200);
    const audit = await t.http.get(`/api/v1/audit?action=draft.apply&limit=200`);
    expect(audit.body.items.some((i: { entityId: string }) => i.entityId === contract.id)).toBe(true);

    const severity = Object.keys(letter.draft.policy.severities)[0];
    const incident = await t.http.post('/api/v1/incidents').send({ contractId: contract.id, severity, description: 'core switch down' });
    expect(incident.status).toBe(201);
    expect((await t.http.get(`/api/v1/incidents/${incident.body.id}`)).status).toBe(200);
  });

  it('a refused contract leaves no calendar and no policy behind (400 naming the field, 409 on a taken name)', async () => {
    const name = unique('refused');
    const { body } = await reviewed(name);
    const badMoney = await t.http.post('/api/v1/drafts/apply').send({ ...body, contract: { ...body.contract, totalValue: '12.345' } });
    expect({ status: badMoney.status, paths: paths(badMoney.body) }).toEqual({ status: 400, paths: ['contract.totalValue'] });
    const badCurrency = await t.http.post('/api/v1/drafts/apply').send({ ...body, contract: { ...body.contract, currency: 'XYZ' } });
    expect({ status: badCurrency.status, paths: paths(badCurrency.body) }).toEqual({ status: 400, paths: ['contract.currency'] });
    expect(await count('calendars', name)).toBe(0);
    expect(await count('policies', name)).toBe(0);
    expect(await count('contracts', name)).toBe(0);

    // A contract of that name exists (on other calendar and policy): the draft's calendar and policy are rolled back.
    const other = await reviewed(unique('other'));
    const first = await t.http.post('/api/v1/drafts/apply').send(other.body);
    expect(first.status).toBe(201);
    await t.dataSource.query(`UPDATE contracts SET name = $1 WHERE id = $2`, [name, first.body.contract.id]);
    const taken = await t.http.post('/api/v1/drafts/apply').send(body);
    expect(taken.status).toBe(409);
    expect(taken.body.message).toMatch(/^name: a contract/);
    expect(await count('calendars', name)).toBe(0);
    expect(await count('policies', name)).toBe(0);

    // Shape errors are named before anything runs.
    const bad = await t.http.post('/api/v1/drafts/apply').send({
      ...body,
      calendar: { ...body.calendar, zone: 'Mars/Olympus' },
      contract: { ...body.contract, endsOn: '2026-06-30' },
    });
    expect({ status: bad.status, paths: paths(bad.body) }).toEqual({ status: 400, paths: ['calendar.zone', 'contract.termMonths'] });
    expect(await count('calendars', name)).toBe(0);
  });

  it('passes null penalty terms through to the contract as drafted (a letter without a rate-based penalty)', async () => {
    const name = unique('no-penalty');
    const { body } = await reviewed(name);
    const res = await t.http.post('/api/v1/drafts/apply').send({ ...body, contract: { ...body.contract, penaltyTerms: null } });
    // Contracts refuse null terms until they may have none: then the contract is created without.
    if (res.status === 400) {
      expect(paths(res.body)).toEqual(['contract.penaltyTerms']);
      expect(await count('calendars', name)).toBe(0);
      expect(await count('policies', name)).toBe(0);
    } else {
      expect(res.status).toBe(201);
      expect(res.body.contract.penaltyTerms).toBeNull();
    }
  });
});
