import { api } from '../lib/api.js';
import { $, download, formData, render, showError } from '../lib/dom.js';
import { esc, inZone, money, number, percent } from '../lib/format.js';
import { t } from '../lib/i18n.js';
import { label } from '../lib/labels.js';

function query(filters) {
  return new URLSearchParams(Object.entries(filters).filter(([, v]) => v)).toString();
}

/** What the finance views name things by: contracts (customer), their calendar's zone, incidents (description). */
async function references() {
  const [contracts, calendars, incidents] = await Promise.all([
    api('/contracts?limit=200'),
    api('/calendars?limit=200'),
    api('/incidents?limit=200'),
  ]);
  const zones = new Map(calendars.items.map((c) => [c.id, c.definition.zone]));
  return {
    contracts: contracts.items,
    contract: new Map(contracts.items.map((c) => [c.id, c])),
    zoneOf: (contractId) => zones.get(contracts.items.find((c) => c.id === contractId)?.calendarId) || 'UTC',
    incident: new Map(incidents.items.map((i) => [i.id, i])),
  };
}

const incidentLink = (refs, incidentId) =>
  `<a href="#/incidents/${esc(incidentId)}">${esc(refs.incident.get(incidentId)?.description ?? t('finance.incidentShort', { id: incidentId.slice(0, 8) }))}</a>`;

/** The ledger with filters, totals and a CSV download of exactly what is filtered. */
export async function ledgerView() {
  const refs = await references();
  const main = render(`
    <h1>${esc(t('ledger.title'))}</h1>
    <form id="filters" class="inline panel">
      <label>${esc(t('ledger.filter.contract'))} <select name="contractId"><option value="">${esc(t('ledger.filter.all'))}</option>${refs.contracts
        .map((c) => `<option value="${esc(c.id)}">${esc(c.customer)} — ${esc(c.name)}</option>`)
        .join('')}</select></label>
      <label>${esc(t('ledger.filter.incident'))} <input name="incidentId" size="38" /></label>
      <label>${esc(t('ledger.filter.from'))} <input name="from" type="datetime-local" /></label>
      <label>${esc(t('ledger.filter.to'))} <input name="to" type="datetime-local" /></label>
      <button type="submit">${esc(t('ledger.show'))}</button>
      <button type="button" class="secondary" id="csv">${esc(t('ledger.csv'))}</button>
    </form>
    <div id="ledger-error"></div>
    <section class="panel" id="totals" aria-live="polite"></section>
    <div class="table-wrap"><table><caption class="visually-hidden">${esc(t('ledger.caption'))}</caption><thead><tr><th scope="col" class="num">${esc(t('ledger.col.id'))}</th><th scope="col">${esc(t('ledger.col.posted'))}</th><th scope="col">${esc(t('ledger.col.kind'))}</th><th scope="col" class="hide-narrow">${esc(t('ledger.col.customer'))}</th><th scope="col" class="hide-narrow">${esc(t('ledger.col.incident'))}</th><th scope="col" class="num">${esc(t('ledger.col.period'))}</th><th scope="col" class="num">${esc(t('ledger.col.amount'))}</th><th scope="col">${esc(t('ledger.col.cap'))}</th></tr></thead>
    <tbody id="entries"></tbody></table></div>`);

  const filters = () => {
    const f = formData($('#filters', main));
    for (const k of ['from', 'to']) if (f[k]) f[k] = new Date(f[k]).toISOString();
    return f;
  };
  const load = async () => {
    try {
      const page = await api(`/ledger?${query({ ...filters(), limit: 1000 })}`);
      const tot = page.totals;
      $('#totals', main).innerHTML = tot
        ? `<strong>${esc(t('ledger.totals.net', { amount: money(tot.net, page.currency) }))}</strong> · ${esc(
            t('ledger.totals.detail', {
              accrued: money(tot.accrued, page.currency),
              reversed: money(tot.reversed, page.currency),
              corrected: money(tot.corrected, page.currency),
              count: tot.count,
            }),
          )}`
        : esc(
            t('ledger.totals.currencies', {
              list: Object.entries(page.totalsByCurrency)
                .map(([c, v]) => money(v.net, c))
                .join(t('app.listSeparator')),
            }),
          );
      $('#entries', main).innerHTML =
        page.items
          .map((e) => {
            const zone = refs.zoneOf(e.contractId);
            return `<tr data-entry="${esc(e.id)}"><td class="num">${esc(e.id)}</td><td>${esc(inZone(e.createdAt, zone))}<br><span class="muted">${esc(zone)}</span></td><td>${esc(label('ledgerKind', e.kind))}</td>
          <td class="hide-narrow">${esc(refs.contract.get(e.contractId)?.customer ?? '—')}</td><td class="hide-narrow">${incidentLink(refs, e.incidentId)}</td><td class="num">${number(e.periodIndex)}</td>
          <td class="num">${esc(money(e.amount, e.currency))}</td><td>${e.capApplied ? `<span class="badge amber">${esc(t('ledger.capCut'))}</span>` : ''}</td></tr>`;
          })
          .join('') || `<tr><td colspan="8">${esc(t('ledger.empty'))}</td></tr>`;
      $('#ledger-error', main).innerHTML = '';
    } catch (error) {
      showError($('#ledger-error', main), error);
    }
  };
  $('#filters', main).addEventListener('submit', (e) => {
    e.preventDefault();
    void load();
  });
  $('#csv', main).addEventListener('click', async () => {
    try {
      const res = await api(`/ledger?${query({ ...filters(), format: 'csv' })}`, { raw: true });
      await download(res, 'ledger.csv');
    } catch (error) {
      showError($('#ledger-error', main), error);
    }
  });
  await load();
}

/** Per contract: how close to the cap, and accruals over time. */
export async function penaltiesView(contractId) {
  const refs = await references();
  const id = contractId || refs.contracts[0]?.id;
  const main = render(`<h1>${esc(t('penalties.title'))}</h1>
    <form class="inline panel" id="pick"><label>${esc(t('penalties.contract'))} <select name="contract">${refs.contracts
      .map((c) => `<option value="${esc(c.id)}" ${c.id === id ? 'selected' : ''}>${esc(c.customer)} — ${esc(c.name)}</option>`)
      .join('')}</select></label></form><div id="summary"></div>`);
  $('#pick', main).addEventListener('change', (e) => {
    location.hash = `#/finance/penalties/${e.target.value}`;
  });
  if (!id) return;
  try {
    const s = await api(`/contracts/${id}/penalties`);
    const entries = (await api(`/ledger?contractId=${id}&limit=1000`)).items;
    const used = s.cap && Number(s.cap.amount) > 0 ? Math.min(100, (Number(s.net) / Number(s.cap.amount)) * 100) : 0;
    const cur = s.currency;
    $('#summary', main).innerHTML = `
      <section class="panel">
        <p><strong>${esc(t('penalties.net', { amount: money(s.net, cur) }))}</strong> ${
          s.cap === null
            ? esc(t('penalties.noTerms'))
            : esc(
                t('penalties.cap', {
                  cap: money(s.cap.amount, cur),
                  fraction: percent(s.cap.fraction),
                  total: money(s.totalValue, cur),
                  scope: label('capScope', s.cap.scope),
                }),
              )
        }
        ${s.headroom !== null ? ` · ${esc(t('penalties.headroom', { amount: money(s.headroom, cur) }))}` : ''}</p>
        ${s.cap === null ? '' : `<p class="muted">${esc(t('penalties.rate', { rate: percent(s.ratePerPeriod), period: t(`domain:amount.${s.period.unit}`, { count: s.period.amount }), amount: money(s.amountPerPeriod, cur) }))}</p>`}
        <div class="gauge ${s.capReached ? 'red' : ''}" role="meter" aria-label="${esc(t('penalties.gauge'))}" aria-valuemin="0" aria-valuemax="100" aria-valuenow="${used.toFixed(1)}" aria-valuetext="${esc(t('penalties.used', { share: number(used / 100, { style: 'percent', maximumFractionDigits: 1 }) }))}"><div style="width:${used}%"></div></div>
        <p class="muted">${esc(t('penalties.used', { share: number(used / 100, { style: 'percent', maximumFractionDigits: 1 }) }))}${s.capReached ? ` — ${esc(t('penalties.capReached'))}` : ''}</p>
      </section>
      <section class="panel"><h2>${esc(t('penalties.chart'))}</h2>${chart(entries, cur)}</section>
      <div class="table-wrap"><table><caption class="visually-hidden">${esc(t('penalties.byIncident'))}</caption><thead><tr><th scope="col">${esc(t('penalties.col.incident'))}</th><th scope="col" class="num">${esc(t('penalties.col.accrued'))}</th><th scope="col" class="num">${esc(t('penalties.col.reversed'))}</th><th scope="col" class="num">${esc(t('penalties.col.net'))}</th><th scope="col" class="num">${esc(t('penalties.col.entries'))}</th></tr></thead><tbody>
      ${s.incidents.map((i) => `<tr><td>${incidentLink(refs, i.incidentId)}</td><td class="num">${esc(money(i.accrued, cur))}</td><td class="num">${esc(money(i.reversed, cur))}</td><td class="num">${esc(money(i.net, cur))}</td><td class="num">${number(i.entries)}</td></tr>`).join('')}
      </tbody></table></div>`;
  } catch (error) {
    showError($('#summary', main), error);
  }
}

/** Cumulative net over posting time as an SVG line (drawing only: amounts rounded to cents for the plot). */
function chart(entries, currency) {
  if (entries.length === 0) return `<p class="muted">${esc(t('penalties.noPostings'))}</p>`;
  const cents = (a) => Math.round(Number(a) * 100);
  let sum = 0;
  const points = entries.map((e) => ({ t: Date.parse(e.createdAt), v: (sum += cents(e.amount)) }));
  const t0 = points[0].t;
  const t1 = Math.max(points[points.length - 1].t, t0 + 1);
  const vmax = Math.max(...points.map((p) => p.v), 1);
  const W = 800;
  const H = 200;
  const x = (at) => 40 + ((at - t0) / (t1 - t0)) * (W - 60);
  const y = (v) => H - 20 - (v / vmax) * (H - 40);
  const path = points.map((p, i) => `${i ? 'L' : 'M'}${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`).join(' ');
  return `<svg role="img" aria-label="${esc(t('penalties.chartLabel'))}" viewBox="0 0 ${W} ${H}" width="100%">
    <line x1="40" x2="${W - 20}" y1="${H - 20}" y2="${H - 20}" stroke="#8c959f" />
    <path d="${path}" fill="none" stroke="#0b57d0" stroke-width="2" />
    <text x="40" y="14" font-size="11">${esc(money((vmax / 100).toFixed(2), currency))}</text></svg>`;
}
