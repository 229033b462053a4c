/**
 * The policy simulation page in a real headless Chromium against the real servers: finance picks a
 * looser version of the contract's policy, runs one simulation over incidents that ran to their end,
 * and reads the before/after table (the actual column is the ledger), the chart and the CSV.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { formatMoney } from '../../src/i18n/format';
import { startTestApp, type TestApp } from '../harness/context';
import { createContract, secondsPolicy } from '../harness/fixtures';
import { ledgerNet, report, step, waitForEvents, waitForState } from '../harness/incidents';
import { axeViolations, errorsOf, openPage, rawTextOnScreen } from './console-helpers';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SHOTS = join(__dirname, '..', '..', 'test-output', 'screenshots', 'en');
const s = (amount: number, anchor: 'report' | 'rungStart' = 'report') => ({ amount, unit: 'seconds' as const, anchor });

describe('console: what would this policy have cost?', () => {
  let t: TestApp;
  let browser: Browser;
  let contractId: string;
  let policyId: string;
  const ids: string[] = [];

  /** Late on site, restored after two accruals, signed off and closed. */
  async function lateOnSite(): Promise<string> {
    const id = await report(t, contractId);
    await step(t, id, 'acknowledge');
    await step(t, id, 'remote-session');
    await step(t, id, 'diagnosis', { outcome: 'needs_onsite' });
    await step(t, id, 'dispatch', { engineer: 'eng:wang.fang' });
    await waitForState(t, id, (st) => st.clocks['onsite.arriveWithin']?.status === 'breached');
    await step(t, id, 'arrive');
    await waitForEvents(t, id, 'penalty_period_due', 2);
    await step(t, id, 'restore', { cause: 'PSU failure', method: 'Replaced PSU' });
    await step(t, id, 'sign-off', { signer: 'customer:liu' });
    await waitForEvents(t, id, 'closed', 1);
    return id;
  }

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`);
    t = await startTestApp({ listen: true });
    ({ contractId, policyId } = await createContract(t.dataSource, {
      name: `AAA simulation ${Date.now()}`,
      policy: secondsPolicy({
        urgent: { triage: { respondWithin: s(600) }, onsite: { arriveWithin: s(1, 'rungStart') }, penalty: { restoreWithin: s(2) } },
        general: {},
      }),
      terms: { ratePerPeriod: '0.01', capFraction: '0.5', period: { amount: 1, unit: 'seconds' } },
    }));
    ids.push(...(await Promise.all([lateOnSite(), lateOnSite()])));
    // Version 2: on site within 10 minutes, restored within 10 minutes.
    const looser = secondsPolicy({
      urgent: { triage: { respondWithin: s(600) }, onsite: { arriveWithin: s(600, 'rungStart') }, penalty: { restoreWithin: s(600) } },
      general: {},
    });
    const put = await t.http.put(`/api/v1/policies/${policyId}`).send({ definition: looser });
    expect(put.status).toBe(200);
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

  it('finance runs one simulation and reads the before/after table, the chart and the CSV', async () => {
    const page = await openPage(browser, 'en');
    await page.goto(`${t.url}/`);
    await page.getByLabel('API token', { exact: true }).fill((await t.createToken(['finance'])).secret);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Policy simulation' }).click();
    await page.getByRole('heading', { name: 'What would this policy have cost?' }).waitFor();
    await page.selectOption('#sim-policy', policyId);
    await page.locator('#sim-version option[value="2"]').waitFor({ state: 'attached' });
    await page.selectOption('#sim-version', '2');
    await page.selectOption('#sim-contract', contractId);
    await page.getByRole('button', { name: 'Simulate', exact: true }).click();
    await page.locator('#sim-table tbody tr[data-incident]').first().waitFor();

    const rows = await page.locator('#sim-table tbody tr[data-incident]').evaluateAll((trs) =>
      trs.map((tr) => ({
        id: tr.getAttribute('data-incident'),
        actual: tr.querySelector('[data-col=actualPenalty]')!.textContent!.trim(),
        candidate: tr.querySelector('[data-col=candidatePenalty]')!.textContent!.trim(),
        difference: tr.querySelector('[data-col=difference]')!.textContent!.trim(),
      })),
    );
    expect(rows.map((r) => r.id).sort()).toEqual([...ids].sort());
    for (const r of rows) {
      const net = await ledgerNet(t, { incidentId: r.id! });
      expect(Number(net)).toBeGreaterThan(0);
      expect(r.actual).toBe(formatMoney(net, 'CNY', 'en'));
      expect(r.candidate).toBe(formatMoney('0.00', 'CNY', 'en'));
      expect(r.difference).toBe(formatMoney(`-${net}`, 'CNY', 'en'));
    }
    const total = await ledgerNet(t, { contractId });
    expect(await page.locator('#sim-table tfoot [data-col=actualPenalty]').innerText()).toBe(formatMoney(total, 'CNY', 'en'));
    await page.getByRole('img', { name: 'Cumulative penalty over the period, actual and candidate' }).waitFor();
    expect(await page.locator('#sim-ledger').innerText()).toContain(formatMoney(total, 'CNY', 'en'));

    expect(errorsOf(page)).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    expect(await rawTextOnScreen(page)).toEqual([]);
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, 'simulation.png'), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toMatch(/^incidentId,reportedAt,severity,comparable,flagged,actualBreaches/);
    for (const id of ids) expect(csv).toContain(id);
    await page.context().close();
  });
});
