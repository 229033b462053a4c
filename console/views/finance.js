import { api } from '../lib/api.js';
import { $, formData, render, showError } from '../lib/dom.js';
import { esc, inZone, money } from '../lib/format.js';

function query(filters) {
  return new URLSearchParams(Object.entries(filters).filter(([, v]) => v)).toString();
}

/** The ledger with filters, totals and a CSV download of exactly what is filtered. */
export async function ledgerView() {
  const contracts = (await api('/contracts?limit=200')).items;
  const main = render(`
    <h1>Penalty ledger</h1>
    <form id="filters" class="inline panel">
      <label>Contract <select name="contractId"><option value="">All</option>${contracts
        .map((c) => `<option value="${esc(c.id)}">${esc(c.name)}</option>`)
        .join('')}</select></label>
      <label>Incident id <input name="incidentId" size="38" /></label>
      <label>From <input name="from" type="datetime-local" /></label>
      <label>To <input name="to" type="datetime-local" /></label>
      <button type="submit">Show</button>
      <button type="button" class="secondary" id="csv">Download CSV</button>
    </form>
    <div id="ledger-error"></div>
    <section class="panel" id="totals" aria-live="polite"></section>
    <div class="table-wrap"><table><thead><tr><th>#</th><th>Posted (UTC)</th><th>Kind</th><th class="hide-narrow">Incident</th><th class="num">Period</th><th class="num">Amount</th><th>Cap cut</th></tr></thead>
    <tbody id="entries"></tbody></table></div>`);

  const filters = () => {
    const f = formData($('#filters', main));
    for (const k of ['from', 'to']) if (f[k]) f[k] = new Date(f[k]).toISOString();
    return f;
  };
  const load = async () => {
    try {
      const page = await api(`/ledger?${query({ ...filters(), limit: 1000 })}`);
      const t = page.totals;
      $('#totals', main).innerHTML = t
        ? `<strong>Net ${esc(money(t.net, page.currency))}</strong> · accrued ${esc(money(t.accrued, page.currency))} · reversed ${esc(money(t.reversed, page.currency))} · corrected ${esc(money(t.corrected, page.currency))} · ${t.count} entries`
        : `Several currencies: ${Object.entries(page.totalsByCurrency)
            .map(([c, v]) => esc(money(v.net, c)))
            .join(', ')}`;
      $('#entries', main).innerHTML =
        page.items
          .map(
            (e) => `<tr data-entry="${esc(e.id)}"><td>${esc(e.id)}</td><td>${esc(inZone(e.createdAt, 'UTC'))}</td><td>${esc(e.kind)}</td>
          <td class="hide-narrow"><a href="#/incidents/${esc(e.incidentId)}">${esc(e.incidentId.slice(0, 8))}</a></td><td class="num">${e.periodIndex}</td>
          <td class="num">${esc(money(e.amount, e.currency))}</td><td>${e.capApplied ? '<span class="badge amber">cut</span>' : ''}</td></tr>`,
          )
          .join('') || '<tr><td colspan="7">No entries.</td></tr>';
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
      const blob = await res.blob();
      const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') || '')?.[1] || 'ledger.csv';
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = name;
      document.body.appendChild(a);
      a.click();
      a.remove();
    } catch (error) {
      showError($('#ledger-error', main), error);
    }
  });
  await load();
}

/** Per contract: how close to the cap, and accruals over time. */
export async function penaltiesView(contractId) {
  const contracts = (await api('/contracts?limit=200')).items;
  const id = contractId || contracts[0]?.id;
  const main = render(`<h1>Penalties by contract</h1>
    <form class="inline panel" id="pick"><label>Contract <select name="contract">${contracts
      .map((c) => `<option value="${esc(c.id)}" ${c.id === id ? 'selected' : ''}>${esc(c.name)} — ${esc(c.customer)}</option>`)
      .join('')}</select></label></form><div id="summary"></div>`);
  $('#pick', main).addEventListener('change', (e) => {
    location.hash = `#/finance/penalties/${e.target.value}`;
  });
  if (!id) return;
  try {
    const s = await api(`/contracts/${id}/penalties`);
    const entries = (await api(`/ledger?contractId=${id}&limit=1000`)).items;
    const used = Number(s.cap.amount) > 0 ? Math.min(100, (Number(s.net) / Number(s.cap.amount)) * 100) : 0;
    $('#summary', main).innerHTML = `
      <section class="panel">
        <p><strong>Net ${esc(money(s.net, s.currency))}</strong> of the cap ${esc(money(s.cap.amount, s.currency))} (${esc(s.cap.fraction)} of ${esc(money(s.totalValue, s.currency))}, per ${esc(s.cap.scope)})
        ${s.headroom !== null ? ` · headroom ${esc(money(s.headroom, s.currency))}` : ''}</p>
        <div class="gauge ${s.capReached ? 'red' : ''}" role="meter" aria-label="Share of the penalty cap used" aria-valuemin="0" aria-valuemax="100" aria-valuenow="${used.toFixed(1)}"><div style="width:${used}%"></div></div>
        <p class="muted">${used.toFixed(1)} % of the cap used${s.capReached ? ' — cap reached' : ''}.</p>
      </section>
      <section class="panel"><h2>Accruals over time (net, cumulative)</h2>${chart(entries)}</section>
      <div class="table-wrap"><table><thead><tr><th>Incident</th><th class="num">Accrued</th><th class="num">Reversed</th><th class="num">Net</th><th class="num">Entries</th></tr></thead><tbody>
      ${s.incidents.map((i) => `<tr><td><a href="#/incidents/${esc(i.incidentId)}">${esc(i.incidentId.slice(0, 8))}</a></td><td class="num">${esc(i.accrued)}</td><td class="num">${esc(i.reversed)}</td><td class="num">${esc(i.net)}</td><td class="num">${i.entries}</td></tr>`).join('')}
      </tbody></table></div>`;
  } catch (error) {
    showError($('#summary', main), error);
  }
}

/** Cumulative net over posting time as an SVG line (drawing only: amounts rounded to cents for the plot). */
function chart(entries) {
  if (entries.length === 0) return '<p class="muted">No postings yet.</p>';
  const cents = (a) => Math.round(Number(a) * 100);
  let sum = 0;
  const points = entries.map((e) => ({ t: Date.parse(e.createdAt), v: (sum += cents(e.amount)) }));
  const t0 = points[0].t;
  const t1 = Math.max(points[points.length - 1].t, t0 + 1);
  const vmax = Math.max(...points.map((p) => p.v), 1);
  const W = 800;
  const H = 200;
  const x = (t) => 40 + ((t - t0) / (t1 - t0)) * (W - 60);
  const y = (v) => H - 20 - (v / vmax) * (H - 40);
  const path = points.map((p, i) => `${i ? 'L' : 'M'}${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`).join(' ');
  return `<svg role="img" aria-label="Cumulative net penalty" viewBox="0 0 ${W} ${H}" width="100%">
    <line x1="40" x2="${W - 20}" y1="${H - 20}" y2="${H - 20}" stroke="#8c959f" />
    <path d="${path}" fill="none" stroke="#0b57d0" stroke-width="2" />
    <text x="40" y="14" font-size="11">${(vmax / 100).toFixed(2)}</text></svg>`;
}
