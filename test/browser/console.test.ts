import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../harness/context';
import { createContract, secondsPolicy } from '../harness/fixtures';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SHOTS = join(__dirname, '..', '..', 'test-output', 'screenshots');
const s = (amount: number) => ({ amount, unit: 'seconds' as const, anchor: 'report' as const });

/** The web console in a real headless Chromium against the real API, worker, Temporal and PostgreSQL. */
describe('web console', () => {
  let t: TestApp;
  let browser: Browser;
  let contractId: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`);
    mkdirSync(SHOTS, { recursive: true });
    t = await startTestApp({ listen: true });
    ({ contractId } = await createContract(t.dataSource, {
      name: `AAA console ${Date.now()}`,
      policy: secondsPolicy({ urgent: { triage: { respondWithin: s(3) }, penalty: { restoreWithin: s(5) } }, general: {} }),
      terms: { ratePerPeriod: '0.001', period: { amount: 1, unit: 'seconds' } },
      calendar: {
        zone: 'Asia/Shanghai',
        week: {
          monday: [{ open: '00:00', close: '24:00' }],
          tuesday: [{ open: '00:00', close: '24:00' }],
          wednesday: [{ open: '00:00', close: '24:00' }],
          thursday: [{ open: '00:00', close: '24:00' }],
          friday: [{ open: '00:00', close: '24:00' }],
          saturday: [{ open: '00:00', close: '24:00' }],
          sunday: [{ open: '00:00', close: '24:00' }],
        },
        holidays: [],
        extraWorkingDays: [],
      },
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

  async function token(roles: string[]): Promise<string> {
    return (await t.createToken(roles as never)).secret;
  }

  async function signIn(secret: string, viewport = { width: 1280, height: 800 }): Promise<Page> {
    const page = await browser.newPage({ viewport, acceptDownloads: true });
    await page.goto(`${t.url}/`);
    await page.getByLabel('API token').fill(secret);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Incident board' }).waitFor();
    return page;
  }

  it('an engineer reports an incident, watches triage breach, advances it; finance sees the ledger and downloads the CSV', async () => {
    const page = await signIn(await token(['engineer', 'finance']));
    await page.selectOption('#report-contract', contractId);
    await page.getByLabel('Description').fill('Core switch down (console test)');
    await page.getByRole('button', { name: 'Report' }).click();
    await page.getByRole('heading', { name: 'Core switch down (console test)' }).waitFor();
    const incidentId = page.url().split('/').pop()!;
    expect(await page.locator('text=Asia/Shanghai').count()).toBeGreaterThan(0);

    // Triage is 3 s: the page shows the breach on its own.
    await page.locator('[data-breaches]', { hasText: '1' }).waitFor({ timeout: 15_000 });
    await page.screenshot({ path: join(SHOTS, 'incident-breached.png'), fullPage: true });

    for (const [label, fill] of [
      ['Acknowledge call', {}],
      ['Start remote session', {}],
      ['Record diagnosis', {}],
      ['Dispatch engineer', { Engineer: 'eng:wang.fang' }],
    ] as Array<[string, Record<string, string>]>) {
      await page.getByRole('button', { name: label }).click();
      for (const [field, value] of Object.entries(fill)) await page.getByLabel(field).fill(value);
      await page.getByRole('button', { name: 'Confirm' }).click();
      await page.locator('#toast', { hasText: `${label}: done` }).waitFor();
    }
    // A step the workflow would refuse is not offered.
    expect(await page.getByRole('button', { name: 'Acknowledge call' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Arrived on site' }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'incident-advanced.png'), fullPage: true });

    // Past the 5 s restore commitment accrual starts: the ledger shows it.
    await page.waitForTimeout(6000);
    await page.goto(`${t.url}/#/finance/ledger`);
    await page.selectOption('select[name=contractId]', contractId);
    await page.getByRole('button', { name: 'Show' }).click();
    await page.locator(`#entries a[href="#/incidents/${incidentId}"]`).first().waitFor();
    await page.screenshot({ path: join(SHOTS, 'ledger.png'), fullPage: true });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toMatch(/^id,created_at,contract_id,incident_id,kind/);
    expect(csv).toContain(incidentId);

    await page.goto(`${t.url}/#/finance/penalties/${contractId}`);
    await page.getByRole('meter').waitFor();
    await page.screenshot({ path: join(SHOTS, 'penalties.png'), fullPage: true });

    await page.goto(`${t.url}/#/`);
    await page.locator(`tr[data-incident="${incidentId}"].red`).waitFor();
    await page.screenshot({ path: join(SHOTS, 'board.png'), fullPage: true });
    await page.close();
  });

  it('a finance token sees no engineer buttons and no admin views', async () => {
    const { body } = await t.http
      .post('/api/v1/incidents')
      .send({ contractId, severity: 'general', description: 'Seen by finance', reportedBy: 'hotline' });
    const page = await signIn(await token(['finance']));
    expect(await page.getByRole('link', { name: 'Policies' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Report' }).count()).toBe(0);
    await page.goto(`${t.url}/#/incidents/${body.id}`);
    await page.getByText('Read-only: your token has no engineer role.').waitFor();
    expect(await page.locator('[data-step]').count()).toBe(0);
    await page.close();
  });

  it('admin views: calendars week view and the policy editor with its preview, also on a narrow screen', async () => {
    const page = await signIn(await token(['admin', 'viewer']));
    await page.getByRole('link', { name: 'Calendars' }).click();
    await page.locator('.week .win').first().waitFor();
    await page.screenshot({ path: join(SHOTS, 'calendars.png'), fullPage: true });
    await page.getByRole('link', { name: 'Policies' }).click();
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.locator('#preview table').waitFor();
    await page.screenshot({ path: join(SHOTS, 'policies.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('link', { name: 'Incidents' }).click();
    await page.getByRole('heading', { name: 'Incident board' }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'board-narrow.png'), fullPage: true });
    // Keyboard: the sign-out button is reachable by tabbing.
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement && document.activeElement.tagName')).toBe('A');
    await page.close();
  });
});
