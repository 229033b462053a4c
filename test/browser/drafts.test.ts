import { existsSync, mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { buildDocx } from '../fixtures/docx';
import { readLetter } from '../fixtures/letters';
import { startTestApp, type TestApp } from '../harness/context';
import { axeViolations, errorsOf, openPage, rawTextOnScreen, type Lang } from './console-helpers';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SHOTS = join(__dirname, '..', '..', 'test-output', 'screenshots');
const SEED = '000_33c8bb4153464f28.txt';
const FIELD = 'policy.severities.urgent.remote.startWithin';

const WORDS = {
  en: {
    token: 'API token',
    signIn: 'Sign in',
    board: 'Incident board',
    nav: 'Letter to contract',
    title: 'From a letter to a contract',
    paste: 'Paste the letter (Chinese or English; one or several letters)',
    read: 'Read the letter',
    draft: 'Draft',
    customer: 'Customer',
    total: 'Contract total',
    name: 'Name of the calendar, the escalation policy and the contract',
    startsOn: 'Start date',
    create: 'Create calendar, escalation policy and contract',
  },
  'zh-CN': {
    token: 'API 令牌',
    signIn: '登录',
    board: '故障看板',
    nav: '承诺函转合同',
    title: '从承诺函到合同',
    paste: '粘贴承诺函(中文或英文;可含多封)',
    read: '读取承诺函',
    draft: '草稿',
    customer: '客户',
    total: '合同总价',
    name: '服务日历、升级策略和合同的名称',
    startsOn: '起始日期',
    create: '创建服务日历、升级策略和合同',
  },
} as const;

/**
 * An admin pastes a seed letter, reviews the draft beside it (focusing a field marks the sentence it
 * came from), creates calendar, policy and contract in one step, and the contract takes an incident.
 */
describe('console: from a pasted letter to a running contract', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`);
    for (const lang of ['zh-CN', 'en']) mkdirSync(join(SHOTS, lang), { recursive: true });
    t = await startTestApp({ listen: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it.each(['en', 'zh-CN'] as Lang[])('%s: paste → review → create; the contract takes an incident', async (lang) => {
    const w = WORDS[lang];
    const text = readLetter(SEED);
    // What the field came from, as the API says (the page must mark exactly this sentence).
    const api = (await t.http.post('/api/v1/drafts').send({ text })).body;
    const letter = api.letters[0];
    const findingId = letter.draft.fields[FIELD].findings[0];
    const sentence = letter.findings.find((f: { id: string }) => f.id === findingId).source.sentence;
    expect(sentence.text).toContain('30分钟内');

    const page = await openPage(browser, lang);
    await page.goto(`${t.url}/`);
    await page.getByLabel(w.token, { exact: true }).fill((await t.createToken(['admin'])).secret);
    await page.getByRole('button', { name: w.signIn }).click();
    await page.getByRole('heading', { name: w.board }).waitFor();
    await page.getByRole('link', { name: w.nav }).click();
    await page.getByRole('heading', { name: w.title }).waitFor();

    await page.getByLabel(w.paste, { exact: true }).fill(text);
    await page.getByRole('button', { name: w.read }).click();
    await page.getByRole('heading', { name: w.draft, exact: true }).waitFor();
    expect(await page.locator('#letter mark').count()).toBe(0);

    // Keyboard: focus the field, and its source sentence is marked in the letter.
    await page.locator(`input[data-path="${FIELD}"][data-k="amount"]`).focus();
    await page.locator('#letter mark').first().waitFor();
    expect(await page.locator('#letter mark').allInnerTexts()).toEqual([sentence.text]);
    expect(await page.locator(`input[data-path="${FIELD}"][data-k="amount"]`).inputValue()).toBe('30');
    // The gaps are listed, each flagged for review.
    expect(await page.locator('#gaps li').count()).toBe(letter.draft.gaps.length);
    expect(letter.draft.gaps.length).toBeGreaterThan(0);

    expect(errorsOf(page)).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    expect(await rawTextOnScreen(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, lang, 'draft-review.png'), fullPage: true });

    // Edit: a tighter remote target than the letter's, then create.
    await page.locator(`input[data-path="${FIELD}"][data-k="amount"]`).fill('20');
    const name = `Letter ${lang} ${randomUUID().slice(0, 8)}`;
    await page.getByLabel(w.name, { exact: true }).fill(name);
    await page.getByLabel(w.customer, { exact: true }).fill('XXXX单位');
    await page.getByLabel(w.total, { exact: true }).fill('1000000.00');
    await page.getByLabel(w.startsOn, { exact: true }).fill('2026-01-01');
    await page.getByRole('button', { name: w.create }).click();
    const link = page.locator('#created-contract');
    await link.waitFor();
    expect(await link.innerText()).toBe(name);
    const contractId = (await link.getAttribute('href'))!.split('/').pop()!;

    const contract = await t.http.get(`/api/v1/contracts/${contractId}`);
    expect(contract.status).toBe(200);
    expect(contract.body).toMatchObject({ name, customer: 'XXXX单位', totalValue: '1000000.00', startsOn: '2026-01-01' });
    const policy = await t.http.get(`/api/v1/policies/${contract.body.policyId}`);
    expect(policy.body.definition.severities.urgent.remote.startWithin).toMatchObject({ amount: 20, unit: 'minutes' });
    const incident = await t.http
      .post('/api/v1/incidents')
      .send({ contractId, severity: 'urgent', description: 'the mail system is down for every user' });
    expect(incident.status).toBe(201);
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('en: an uploaded .docx is reviewed like the pasted letter; a wrong file is refused naming it', async () => {
    const text = readLetter(SEED);
    const page = await openPage(browser, 'en');
    await page.goto(`${t.url}/`);
    await page.getByLabel('API token', { exact: true }).fill((await t.createToken(['admin'])).secret);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Incident board' }).waitFor();
    await page.goto(`${t.url}/#/admin/drafts`);
    const file = page.getByLabel('…or upload it (.txt in UTF-8, or .docx)', { exact: true });

    await file.setInputFiles({ name: 'letter.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4') });
    await page.getByRole('button', { name: 'Read the letter' }).click();
    await page.locator('#draft-error [role=alert]').waitFor();
    expect(await page.locator('#draft-error').innerText()).toContain('Letter file');

    await file.setInputFiles({
      name: 'letter.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: buildDocx(text),
    });
    await page.getByRole('button', { name: 'Read the letter' }).click();
    await page.getByRole('heading', { name: 'Draft', exact: true }).waitFor();
    expect(await page.locator('#draft-error').innerText()).toBe('');
    const pasted = (await t.http.post('/api/v1/drafts').send({ text })).body.letters[0];
    const shown = await page.locator('#letter').innerText();
    expect(shown.replace(/\s/g, '')).toBe(text.slice(pasted.span.start, pasted.span.end).replace(/\s/g, ''));
    expect(await page.locator('#gaps li').count()).toBe(pasted.draft.gaps.length);
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();
  });
});
