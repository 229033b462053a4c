import { mkdirSync, readFileSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { formatDateTime, formatDuration, formatMoney, formatPercent } from '../../src/i18n/format';
import { startTestApp, type TestApp } from '../harness/context';
import { createContract, eventually, secondsPolicy } from '../harness/fixtures';
import { axeViolations, errorsOf, openPage, rawTextOnScreen, type Lang } from './console-helpers';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SHOTS = join(__dirname, '..', '..', 'test-output', 'screenshots');
const s = (amount: number) => ({ amount, unit: 'seconds' as const, anchor: 'report' as const });
const ALL_DAY = [{ open: '00:00', close: '24:00' }];
const SHANGHAI = {
  zone: 'Asia/Shanghai',
  week: { monday: ALL_DAY, tuesday: ALL_DAY, wednesday: ALL_DAY, thursday: ALL_DAY, friday: ALL_DAY, saturday: ALL_DAY, sunday: ALL_DAY },
  holidays: [],
  extraWorkingDays: [],
};

/** What each language calls the things the walk clicks and waits for. */
const WORDS = {
  'zh-CN': {
    token: 'API 令牌',
    signIn: '登录',
    board: '故障看板',
    description: '故障描述',
    report: '报修',
    customer: '天津市大港医院',
    acknowledge: '电话响应',
    remote: '开始远程诊断',
    diagnosis: '记录诊断结论',
    dispatch: '派遣工程师',
    engineer: '工程师',
    confirm: '确认',
    done: (step: string) => `${step}:已完成`,
    accruals: /违约金计提:共 \d+ 期,名义金额合计 ¥/,
    breached: '电话响应',
    ledger: '违约金台账',
    show: '查询',
    csv: '下载 CSV',
    penalties: '各合同违约金',
    calendars: '服务日历',
    policies: '升级策略',
    preview: '预览',
    contracts: '合同',
    tokens: 'API 令牌',
    readOnly: '只读:您的令牌没有工程师角色。',
    contractTotal: '合同总价',
    create: '创建',
    fieldError: '“合同总价”(totalValue)填写有误。',
    validation: '部分字段填写有误。',
  },
  en: {
    token: 'API token',
    signIn: 'Sign in',
    board: 'Incident board',
    description: 'Fault description',
    report: 'Report',
    customer: '天津市大港医院',
    acknowledge: 'Acknowledge the call',
    remote: 'Start remote diagnosis',
    diagnosis: 'Record the diagnosis',
    dispatch: 'Dispatch an engineer',
    engineer: 'Engineer',
    confirm: 'Confirm',
    done: (step: string) => `${step}: done`,
    accruals: /Penalty accrual: \d+ periods, CN¥[\d,.]+ nominal in total/,
    breached: 'Phone response',
    ledger: 'Penalty ledger',
    show: 'Show',
    csv: 'Download CSV',
    penalties: 'Penalties by contract',
    calendars: 'Calendars',
    policies: 'Escalation policies',
    preview: 'Preview',
    contracts: 'Contracts',
    tokens: 'API tokens',
    readOnly: 'Read-only: your token has no engineer role.',
    contractTotal: 'Contract total',
    create: 'Create',
    fieldError: 'Contract total (totalValue) is not acceptable.',
    validation: 'Some fields are not filled in correctly.',
  },
} as const;

/**
 * The web console in a real headless Chromium against the real API, worker, Temporal and PostgreSQL,
 * walked as an engineer, finance and an admin in both languages: every view passes axe (WCAG 2.1 AA),
 * shows no raw key, and is photographed per language in test-output/screenshots/<lang>/.
 */
describe('web console in Chinese and English', () => {
  let t: TestApp;
  let browser: Browser;
  let contractId: string;
  const incidents: Partial<Record<Lang, string>> = {};

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`);
    for (const lang of ['zh-CN', 'en']) mkdirSync(join(SHOTS, lang), { recursive: true });
    t = await startTestApp({ listen: true });
    ({ contractId } = await createContract(t.dataSource, {
      name: `AAA console ${Date.now()}`,
      customer: '天津市大港医院',
      language: 'zh-CN',
      policy: secondsPolicy({ urgent: { triage: { respondWithin: s(3) }, penalty: { restoreWithin: s(4) } }, general: {} }),
      terms: { ratePerPeriod: '0.001', period: { amount: 1, unit: 'seconds' } },
      calendar: SHANGHAI,
    }));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const token = async (roles: string[]) => (await t.createToken(roles as never)).secret;

  async function signIn(lang: Lang, secret: string, viewport?: { width: number; height: number }): Promise<Page> {
    const page = await openPage(browser, lang, viewport);
    await page.goto(`${t.url}/`);
    const w = WORDS[lang];
    await page.getByLabel(w.token, { exact: true }).fill(secret);
    await page.getByRole('button', { name: w.signIn }).click();
    await page.getByRole('heading', { name: w.board }).waitFor();
    expect(await page.evaluate('document.documentElement.lang')).toBe(lang);
    return page;
  }

  /** Every view: accessible (axe), nothing raw on screen, and a screenshot for people to look at. */
  async function check(page: Page, lang: Lang, name: string) {
    expect(errorsOf(page)).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    expect(await rawTextOnScreen(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, lang, `${name}.png`), fullPage: true });
  }

  async function step(page: Page, lang: Lang, name: string, fill: Record<string, string> = {}) {
    const w = WORDS[lang];
    await page.getByRole('button', { name, exact: true }).click();
    for (const [field, value] of Object.entries(fill)) await page.getByLabel(field, { exact: true }).fill(value);
    await page.getByRole('button', { name: w.confirm, exact: true }).click();
    await page.locator('#toast', { hasText: w.done(name) }).waitFor();
  }

  for (const lang of ['zh-CN', 'en'] as const) {
    it(`${lang}: an engineer reports an incident, watches the breach, advances it; accruals fold into one line`, async () => {
      const w = WORDS[lang];
      const page = await signIn(lang, await token(['engineer']));
      await page.selectOption('#report-contract', contractId);
      await page.getByLabel(w.description).fill(`Core switch down (${lang})`);
      await page.getByRole('button', { name: w.report, exact: true }).click();
      await page.getByRole('heading', { name: `Core switch down (${lang})` }).waitFor();
      const incidentId = page.url().split('/').pop()!;
      incidents[lang] = incidentId;
      // The customer's name, not the contract's id; the zone named.
      await page.locator('[data-customer]', { hasText: w.customer }).waitFor();
      expect(await page.locator(`text=${contractId}`).count()).toBe(0);
      expect(await page.locator('text=Asia/Shanghai').count()).toBeGreaterThan(0);

      // Triage is 3 s: the page shows the breach on its own (the first incident of a run also waits for a cold worker).
      await eventually(async () => (Number(await page.locator('[data-breaches]').innerText()) >= 1 ? true : undefined), 60_000);
      await step(page, lang, w.acknowledge);
      await step(page, lang, w.remote);
      await step(page, lang, w.diagnosis);
      await step(page, lang, w.dispatch, { [w.engineer]: 'eng:wang.fang' });
      // A step the workflow would refuse is not offered.
      expect(await page.getByRole('button', { name: w.acknowledge, exact: true }).count()).toBe(0);

      // Past the 4 s restore commitment one period accrues per second: the timeline folds them into one line.
      const fold = page.locator('button.fold-toggle').first();
      await fold.waitFor({ timeout: 60_000 });
      expect(await fold.innerText()).toMatch(w.accruals);
      expect(await fold.getAttribute('aria-expanded')).toBe('false');
      const foldedRows = page.locator(`#${await fold.getAttribute('aria-controls')} tr`);
      expect(await foldedRows.first().isVisible()).toBe(false);
      // Unfolds on click, by keyboard too.
      await fold.focus();
      await page.keyboard.press('Enter');
      await eventually(async () => ((await fold.getAttribute('aria-expanded')) === 'true' ? true : undefined));
      expect(await foldedRows.first().isVisible()).toBe(true);
      await check(page, lang, 'incident');

      await page.goto(`${t.url}/#/`);
      await page
        .locator(`tr[data-incident="${incidentId}"].red`)
        .waitFor({ timeout: 60_000 })
        .catch(async (e: Error) => {
          await page.screenshot({ path: join(SHOTS, lang, 'board-failed.png'), fullPage: true });
          throw new Error(`${e.message}\npage errors: ${errorsOf(page).join('\n')}\npage: ${await page.locator('main').innerText()}`);
        });
      expect(await page.locator(`tr[data-incident="${incidentId}"]`).innerText()).toContain(w.customer);
      await check(page, lang, 'board');
      await page.setViewportSize({ width: 390, height: 844 });
      await page.locator(`tr[data-incident="${incidentId}"] a`).waitFor();
      await page.screenshot({ path: join(SHOTS, lang, 'board-narrow.png'), fullPage: true });
      // On a narrow screen the incident is still one tap away and the table fits the screen.
      expect(await page.locator(`tr[data-incident="${incidentId}"] a`).isVisible()).toBe(true);
      expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth + 1')).toBe(true);
      await page.context().close();
      // Real timers and a real worker: on a loaded machine the walk takes longer than jest's default minute.
    }, 180_000);
  }

  it('the language follows the browser, switches in the header, and is remembered', async () => {
    const page = await signIn('zh-CN', await token(['engineer']));
    await page.getByLabel('语言').selectOption('en');
    await page.getByRole('heading', { name: 'Incident board' }).waitFor();
    expect(await page.evaluate('document.documentElement.lang')).toBe('en');
    await page.reload();
    await page.getByRole('heading', { name: 'Incident board' }).waitFor();
    // The incident page too: plain English labels, the customer's name, the Chinese fault description as written.
    await page.goto(`${t.url}/#/incidents/${incidents['zh-CN']}`);
    await page.getByRole('heading', { name: 'Escalation ladder' }).waitFor();
    expect(await page.locator('#clocks').innerText()).toContain('Phone response');
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByRole('heading', { name: '升级流程' }).waitFor();
    await page.context().close();
  });

  it('the engineer finishes the incident: the fault report is written in the contract language', async () => {
    const w = WORDS.en;
    const page = await signIn('en', await token(['engineer']));
    await page.goto(`${t.url}/#/incidents/${incidents.en}`);
    await page.getByRole('heading', { name: 'Escalation ladder' }).waitFor();
    await step(page, 'en', 'Arrived on site');
    await step(page, 'en', 'Service restored', { Cause: 'failed PSU', Method: 'swapped the PSU' });
    await step(page, 'en', 'Record the customer sign-off', { 'Signed off by': '王主任' });
    await page.getByRole('link', { name: 'Open the fault report' }).click({ timeout: 20_000 });
    await page.getByRole('heading', { name: 'Fault report' }).waitFor();
    const report = await page.locator('pre.report').innerText();
    expect(report).toContain('# 故障报告');
    expect(report).toContain('- 客户:天津市大港医院');
    expect(report).toContain('## 故障原因');
    // Accrual periods are one line in the customer's document too.
    expect(report).toMatch(/违约金计提,第 1–\d+ 期:共 \d+ 期,名义金额合计 ¥/);
    expect(report).not.toContain('第 2 期');
    await check(page, 'en', 'fault-report');
    expect(w.confirm).toBe('Confirm');
    await page.context().close();
  });

  it("en: the exclude form offers the incident's pinned exclusion causes and 'other'; the chosen one is recorded", async () => {
    const { contractId: listed } = await createContract(t.dataSource, { customer: '上海电机学院', calendar: SHANGHAI });
    await t.dataSource.query(`UPDATE contracts SET exclusion_causes = $2 WHERE id = $1`, [
      listed,
      JSON.stringify(['power', 'ups', 'network']),
    ]);
    const created = await t.http
      .post('/api/v1/incidents')
      .send({ contractId: listed, severity: 'urgent', description: 'Mail server down', reportedBy: 'hotline' });
    expect(created.status).toBe(201);
    const page = await signIn('en', await token(['engineer']));
    await page.goto(`${t.url}/#/incidents/${created.body.id}`);
    await page.getByRole('heading', { name: 'Mail server down' }).waitFor();
    await page.getByRole('button', { name: 'Exclude (customer-caused)', exact: true }).click();
    // A label wrapping a select is named with the selected option too: found by its field, its label text checked.
    const cause = page.locator('[data-step-form=exclude] select[name=cause]');
    await cause.waitFor();
    expect(await page.locator('[data-step-form=exclude] label', { has: page.locator('select[name=cause]') }).innerText()).toContain(
      "Exclusion case (from the contract's list, or other)",
    );
    expect(await cause.locator('option').allInnerTexts()).toEqual(['power', 'ups', 'network', 'other']);
    await cause.selectOption('ups');
    await page.getByLabel('Why the customer caused it', { exact: true }).fill('customer UPS failed');
    await check(page, 'en', 'exclude-form');
    await page.getByRole('button', { name: 'Confirm', exact: true }).click();
    await page.locator('#toast', { hasText: 'Exclude (customer-caused): done' }).waitFor();
    const events = await eventually(async () => {
      const r = await t.http.get(`/api/v1/incidents/${created.body.id}`);
      return r.body.timeline.find((e: { kind: string }) => e.kind === 'excluded');
    });
    expect(events.data).toEqual({ cause: 'ups', reason: 'customer UPS failed' });
    await page.context().close();
  });

  for (const lang of ['zh-CN', 'en'] as const) {
    it(`${lang}: finance reads the ledger (CSV too) and the penalty against the cap, and sees no engineer buttons`, async () => {
      const w = WORDS[lang];
      const page = await signIn(lang, await token(['finance']));
      expect(await page.getByRole('link', { name: w.policies }).count()).toBe(0);
      expect(await page.getByRole('button', { name: w.report, exact: true }).count()).toBe(0);
      await page.getByRole('link', { name: w.ledger }).click();
      await page.selectOption('select[name=contractId]', contractId);
      await page.getByRole('button', { name: w.show }).click();
      await page.locator(`#entries a[href="#/incidents/${incidents[lang]}"]`).first().waitFor();
      await check(page, lang, 'ledger');
      if (lang === 'en') {
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: w.csv }).click()]);
        const csv = readFileSync((await download.path())!, 'utf8');
        expect(csv.split('\r\n')[0]).toMatch(/^id,created_at,contract_id,incident_id,kind/);
        expect(csv).toContain(incidents.en);
      }
      await page.getByRole('link', { name: w.penalties }).click();
      await page.selectOption('select[name=contract]', contractId);
      await page.getByRole('meter').waitFor();
      await check(page, lang, 'penalties');
      await page.goto(`${t.url}/#/incidents/${incidents[lang]}`);
      await page.getByText(w.readOnly).waitFor();
      expect(await page.locator('[data-step]').count()).toBe(0);
      await page.context().close();
    });

    it(`${lang}: an admin walks calendars, the policy editor and its preview, contracts (with a field error) and tokens`, async () => {
      const w = WORDS[lang];
      const page = await signIn(lang, await token(['admin', 'viewer']));
      await page.getByRole('link', { name: w.calendars }).click();
      await page.locator('.week .win').first().waitFor();
      await check(page, lang, 'calendars');
      await page.getByRole('link', { name: w.policies }).click();
      await page.getByRole('button', { name: w.preview, exact: true }).click();
      await page.locator('#preview table').waitFor();
      expect(await page.locator('#editor').innerText()).toContain(lang === 'en' ? 'Arrival on site' : '到达现场');
      await check(page, lang, 'policies');
      await page.getByRole('link', { name: w.contracts, exact: true }).click();
      // A bad amount: the message in the reader's language names the field; the server's words stay as detail.
      await page.locator('#contract-form input[name=name]').fill(`bad ${lang} ${Date.now()}`);
      await page.locator('#contract-form input[name=customer]').fill('宁夏高速公路监控中心');
      await page.getByLabel(w.contractTotal, { exact: true }).fill('12.345.6');
      await page.getByRole('button', { name: w.create }).click();
      const error = page.locator('#contract-error [role=alert]');
      await error.waitFor();
      expect(await error.innerText()).toContain(w.validation);
      expect(await error.innerText()).toContain(w.fieldError);
      expect(await error.innerText()).toMatch(/totalValue: /);
      await check(page, lang, 'contracts');
      await page.getByRole('link', { name: w.tokens }).click();
      await page.locator('#token-form').waitFor();
      await check(page, lang, 'tokens');
      await page.context().close();
    });
  }

  it('the console formats times, money and durations exactly as the server does, in both languages', async () => {
    const page = await signIn('en', await token(['viewer']));
    const samples = {
      instant: Date.UTC(2026, 2, 8, 6, 59, 59, 999),
      amounts: ['1000000.00', '-2500.5', '0.01'],
      durations: [0, 65_000, 3_725_000, 90_061_000],
    };
    for (const lang of ['zh-CN', 'en'] as const) {
      const browserSide = await page.evaluate(
        async ({ lang, samples }) => {
          const i18n = await import('/console/lib/i18n.js' as string);
          const format = await import('/console/lib/format.js' as string);
          await i18n.setLanguage(lang);
          return {
            time: [format.inZone(samples.instant, 'Asia/Shanghai'), format.inZone(samples.instant, 'America/New_York', { offset: true })],
            money: samples.amounts.map((a: string) => [format.money(a, 'CNY'), format.money(a, 'USD')]),
            durations: samples.durations.map((d: number) => format.duration(d)),
            percent: format.percent('0.0025'),
          };
        },
        { lang, samples },
      );
      expect(browserSide).toEqual({
        time: [
          formatDateTime(samples.instant, 'Asia/Shanghai', lang),
          formatDateTime(samples.instant, 'America/New_York', lang, { offset: true }),
        ],
        money: samples.amounts.map((a) => [formatMoney(a, 'CNY', lang), formatMoney(a, 'USD', lang)]),
        durations: samples.durations.map((d) => formatDuration(d, lang)),
        percent: formatPercent('0.0025', lang),
      });
    }
    expect(formatMoney('1000000.00', 'CNY', 'zh-CN')).toBe('¥1,000,000.00');
    await page.context().close();
  });
});
