import { api } from '../lib/api.js';
import { $, download, formData, render, showError } from '../lib/dom.js';
import { esc, inZone, money, number } from '../lib/format.js';
import { t } from '../lib/i18n.js';
import { targetLabel } from '../lib/labels.js';
import { simulationChart } from './simulation-chart.js';

const DAY = 86_400_000;
/** datetime-local value of an instant in the browser's zone. */
const localInput = (ms) => new Date(ms - new Date(ms).getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

const breaches = (outcome) =>
  outcome
    ? `${number(outcome.breaches.length)}<br><span class="muted">${esc(outcome.breaches.map(targetLabel).join(t('app.listSeparator')))}</span>`
    : '—';

const signed = (amount, currency) => (amount === null || amount === undefined ? '—' : money(amount, currency));

function row(r, currency, zone, incidents) {
  const name = incidents.get(r.incidentId)?.description ?? t('finance.incidentShort', { id: r.incidentId.slice(0, 8) });
  const flag = r.comparable
    ? r.flagged
      ? `<span class="badge amber">${esc(t('simulation.flagged'))}</span>`
      : ''
    : `<span class="badge red">${esc(t('simulation.notComparable'))}</span>`;
  const notes = r.notes.length
    ? `<details><summary>${esc(t('simulation.why'))}</summary><ul>${r.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul></details>`
    : '';
  return `<tr data-incident="${esc(r.incidentId)}"><td><a href="#/incidents/${esc(r.incidentId)}">${esc(name)}</a><br><span class="muted">${esc(inZone(r.reportedAt, zone))} · ${esc(r.severity)}</span></td>
    <td class="num" data-col="actualBreaches">${breaches(r.actual)}</td><td class="num" data-col="candidateBreaches">${breaches(r.candidate)}</td>
    <td class="num" data-col="actualPenalty">${esc(signed(r.actual?.penalty, currency))}</td><td class="num" data-col="candidatePenalty">${esc(signed(r.candidate?.penalty, currency))}</td>
    <td class="num" data-col="difference">${esc(signed(r.difference?.penalty, currency))}</td><td>${flag}${notes}</td></tr>`;
}

function results(res, zone, incidents) {
  const { totals, currency } = res;
  const head = ['incident', 'actualBreaches', 'candidateBreaches', 'actualPenalty', 'candidatePenalty', 'difference', 'notes']
    .map((c, i) => `<th scope="col" ${i > 0 && i < 6 ? 'class="num"' : ''}>${esc(t(`simulation.col.${c}`))}</th>`)
    .join('');
  return `<section class="panel" id="sim-totals" aria-live="polite">
      <p><strong>${esc(t('simulation.totals.penalty', { actual: money(totals.actual.penalty, currency), candidate: money(totals.candidate.penalty, currency), difference: money(totals.difference.penalty, currency) }))}</strong></p>
      <p>${esc(t('simulation.totals.breaches', { actual: totals.actual.breaches, candidate: totals.candidate.breaches, difference: totals.difference.breaches }))}</p>
      <p class="muted" id="sim-ledger">${esc(t('simulation.totals.ledger', { amount: money(totals.ledgerPenalty, currency) }))}</p>
      <p class="muted">${esc(t('simulation.totals.counted', { count: totals.incidents, comparable: totals.comparable, flagged: totals.flagged }))}</p>
      <p class="muted">${esc(t('simulation.rule'))}</p>
    </section>
    <section class="panel"><h2>${esc(t('simulation.chart'))}</h2>${simulationChart(res.cumulative, res.from, res.to, currency, zone)}</section>
    <div class="table-wrap"><table id="sim-table"><caption class="visually-hidden">${esc(t('simulation.caption'))}</caption><thead><tr>${head}</tr></thead>
    <tbody>${res.incidents.map((r) => row(r, currency, zone, incidents)).join('') || `<tr><td colspan="7">${esc(t('simulation.empty'))}</td></tr>`}</tbody>
    <tfoot><tr><th scope="row">${esc(t('simulation.total'))}</th><td class="num">${number(totals.actual.breaches)}</td><td class="num">${number(totals.candidate.breaches)}</td>
    <td class="num" data-col="actualPenalty">${esc(money(totals.actual.penalty, currency))}</td><td class="num" data-col="candidatePenalty">${esc(money(totals.candidate.penalty, currency))}</td>
    <td class="num" data-col="difference">${esc(money(totals.difference.penalty, currency))}</td><td></td></tr></tfoot></table></div>`;
}

/** What would this policy have cost? A saved policy version replayed over a contract's past incidents, before/after. */
export async function simulationView() {
  const [policies, contracts, calendars, incidents] = await Promise.all([
    api('/policies?limit=200'),
    api('/contracts?limit=200'),
    api('/calendars?limit=200'),
    api('/incidents?limit=200'),
  ]);
  const zones = new Map(calendars.items.map((c) => [c.id, c.definition.zone]));
  const byIncident = new Map(incidents.items.map((i) => [i.id, i]));
  const now = Date.now();
  const main = render(`<h1>${esc(t('simulation.title'))}</h1>
    <p class="muted">${esc(t('simulation.intro'))}</p>
    <form id="sim-form" class="inline panel">
      <label>${esc(t('simulation.policy'))} <select name="policyId" id="sim-policy">${policies.items
        .map((p) => `<option value="${esc(p.id)}">${esc(p.name)}</option>`)
        .join('')}</select></label>
      <label>${esc(t('simulation.version'))} <select name="version" id="sim-version"></select></label>
      <label>${esc(t('simulation.contract'))} <select name="contractId" id="sim-contract">${contracts.items
        .map((c) => `<option value="${esc(c.id)}" data-policy="${esc(c.policyId)}">${esc(c.customer)} — ${esc(c.name)}</option>`)
        .join('')}</select></label>
      <label>${esc(t('simulation.from'))} <input name="from" type="datetime-local" required value="${localInput(now - 365 * DAY)}" /></label>
      <label>${esc(t('simulation.to'))} <input name="to" type="datetime-local" required value="${localInput(now + 60_000)}" /></label>
      <button type="submit">${esc(t('simulation.run'))}</button>
      <button type="button" class="secondary" id="sim-csv">${esc(t('simulation.csv'))}</button>
    </form>
    <div id="sim-error"></div><div id="sim-results"></div>`);

  const versionSelect = $('#sim-version', main);
  const loadVersions = async () => {
    const id = $('#sim-policy', main).value;
    if (!id) return;
    const versions = await api(`/policies/${id}/versions?limit=200`);
    versionSelect.innerHTML = versions.items
      .map((v) => `<option value="${v.version}">${esc(t('simulation.versionN', { version: v.version }))}</option>`)
      .join('');
    versionSelect.value = String(versions.items[versions.items.length - 1]?.version ?? '');
  };
  $('#sim-policy', main).addEventListener('change', () => void loadVersions().catch((e) => showError($('#sim-error', main), e)));
  // Start on the policy of the first contract: the usual question is "this contract under another version".
  const firstPolicy = contracts.items[0]?.policyId;
  if (firstPolicy && policies.items.some((p) => p.id === firstPolicy)) $('#sim-policy', main).value = firstPolicy;
  await loadVersions();

  const request = () => {
    const f = formData($('#sim-form', main));
    return {
      policyId: f.policyId,
      body: {
        candidate: { version: Number(f.version) },
        contractId: f.contractId,
        period: { from: f.from ? new Date(f.from).toISOString() : '', to: f.to ? new Date(f.to).toISOString() : '' },
      },
    };
  };
  const zone = () => zones.get(contracts.items.find((c) => c.id === $('#sim-contract', main).value)?.calendarId) || 'UTC';

  $('#sim-form', main).addEventListener('submit', async (e) => {
    e.preventDefault();
    const { policyId, body } = request();
    const out = $('#sim-results', main);
    out.setAttribute('aria-busy', 'true');
    try {
      const res = await api(`/policies/${policyId}/simulate`, { method: 'POST', body });
      out.innerHTML = results(res, zone(), byIncident);
      $('#sim-error', main).innerHTML = '';
    } catch (error) {
      showError($('#sim-error', main), error);
    } finally {
      out.removeAttribute('aria-busy');
    }
  });
  $('#sim-csv', main).addEventListener('click', async () => {
    const { policyId, body } = request();
    try {
      const res = await api(`/policies/${policyId}/simulate?format=csv`, { method: 'POST', body, raw: true });
      await download(res, 'simulation.csv');
    } catch (error) {
      showError($('#sim-error', main), error);
    }
  });
}
