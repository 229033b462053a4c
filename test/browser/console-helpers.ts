import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';

export type Lang = 'zh-CN' | 'en';

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** A page whose browser says it prefers `lang` (navigator.languages), as a person's browser would. */
export async function openPage(browser: Browser, lang: Lang, viewport = { width: 1280, height: 800 }): Promise<Page> {
  const context = await browser.newContext({ locale: lang === 'zh-CN' ? 'zh-CN' : 'en-US', viewport, acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // HTTP errors the page handles itself (a refused form, a missing favicon) are not script errors.
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
  });
  pageErrors.set(page, errors);
  return page;
}

const pageErrors = new WeakMap<Page, string[]>();
/** Script errors and console errors the page has had so far. */
export const errorsOf = (page: Page): string[] => pageErrors.get(page) ?? [];

/**
 * axe-core in the page (evaluated over the DevTools protocol, so the page's strict CSP, which allows
 * only its own scripts, stays on): WCAG 2.1 A/AA rules; returns the violations, readable.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations: Array<{ id: string; help: string; nodes: Array<{ target: string[] }> }> = await page.evaluate(`
    axe
      .run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
      .then((r) => r.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))
  `);
  return violations.map(
    (v) =>
      `${v.id}: ${v.help} — ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' '))
        .join(' | ')}`,
  );
}

/** Text that looks like a catalogue key or a raw domain identifier leaking onto the screen. */
export const RAW_TEXT = [
  /\b(app|nav|board|incident|ledger|penalties|calendars|policies|contracts|tokens|signIn|error|field|stepField|ladder|faultReport|finance)\.[a-zA-Z]+(\.[a-zA-Z_]+)*\b/,
  /\b(triage|remote|onsite|spare|expert|penalty|signOff|faultReport)\.(respondWithin|startWithin|resolveWithin|arriveWithin|triggerAfter|deliverWithin|conveneWithin|restoreWithin|within)\b/,
  /\b(penalty_period_due|rung_opened|target_met|trigger_fired|breach_withdrawn|step:\w+|needs_onsite|resolved_remotely|waiting_on_customer|force_majeure)\b/,
  /domain:/,
];

export async function rawTextOnScreen(page: Page): Promise<string[]> {
  const text = await page.locator('body').innerText();
  return RAW_TEXT.flatMap((re) => {
    const m = re.exec(text);
    return m ? [m[0]] : [];
  });
}
