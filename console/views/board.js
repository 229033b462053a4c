import { api, session } from '../lib/api.js';
import { $, every, formData, liveness, render, showError, toast } from '../lib/dom.js';
import { duration, esc, inZone, urgency } from '../lib/format.js';
import { t } from '../lib/i18n.js';
import { label, targetLabel } from '../lib/labels.js';

/** Incident board: soonest due first, remaining time live, amber/red rows; engineers report here. */
export async function boardView() {
  const alive = liveness();
  const canReport = session.has('engineer');
  const main = render(`
    <h1>${esc(t('board.title'))}</h1>
    ${
      canReport
        ? `<section class="panel" aria-labelledby="report-h">
      <h2 id="report-h">${esc(t('board.report.title'))}</h2>
      <form id="report" class="inline">
        <label>${esc(t('board.report.contract'))} <select name="contractId" id="report-contract" required></select></label>
        <label>${esc(t('board.report.severity'))} <select name="severity" id="report-severity" required></select></label>
        <label style="flex:1 1 20rem">${esc(t('board.report.description'))} <input name="description" required maxlength="4000" /></label>
        <button type="submit">${esc(t('board.report.submit'))}</button>
      </form>
      <div id="report-error"></div>
    </section>`
        : ''
    }
    <div class="table-wrap"><table aria-describedby="board-note">
      <caption class="visually-hidden">${esc(t('board.caption'))}</caption>
      <thead><tr><th scope="col">${esc(t('board.col.due'))}</th><th scope="col" class="num">${esc(t('board.col.remaining'))}</th><th scope="col">${esc(t('board.col.severity'))}</th><th scope="col" class="hide-narrow">${esc(t('board.col.customer'))}</th><th scope="col" class="hide-narrow">${esc(t('board.col.rung'))}</th><th scope="col">${esc(t('board.col.status'))}</th><th scope="col" class="num hide-narrow">${esc(t('board.col.breaches'))}</th><th scope="col">${esc(t('board.col.description'))}</th></tr></thead>
      <tbody id="rows"><tr><td colspan="8">${esc(t('app.loading'))}</td></tr></tbody>
    </table></div>
    <p id="board-note" class="muted">${esc(t('board.note'))}</p>`);

  // Every role may read contracts: the board names the customer, not the contract's id.
  const contracts = (await api('/contracts?limit=200')).items;
  const byId = new Map(contracts.map((c) => [c.id, c]));
  let items = [];
  let painted = '';

  const remaining = (i, now) => (i.nextClock?.dueAt != null ? i.nextClock.dueAt - now : null);
  /** Rows are rebuilt only when an incident changed (so focus stays put); countdowns and colours tick every second. */
  const paint = () => {
    const signature = JSON.stringify(items.map((i) => [i.id, i.status, i.rung, i.breachCount, i.nextClock, i.severity]));
    if (signature !== painted) {
      painted = signature;
      const now = Date.now();
      $('#rows', main).innerHTML = items.length
        ? items
            .map((i) => {
              const left = remaining(i, now);
              const contract = byId.get(i.contractId);
              return `<tr class="${urgency(i, now)}" data-incident="${esc(i.id)}">
              <td>${i.nextClock ? `${esc(targetLabel(i.nextClock.key))}<br><span class="muted">${esc(inZone(i.nextClock.dueAt, i.zone))} ${esc(i.zone)}</span>` : '—'}</td>
              <td class="num" data-remaining>${left === null ? '—' : esc(duration(left))}</td>
              <td>${esc(i.severity)}</td>
              <td class="hide-narrow">${esc(contract?.customer ?? i.contractName ?? '—')}${contract ? `<br><span class="muted">${esc(contract.name)}</span>` : ''}</td>
              <td class="hide-narrow">${esc(label('rung', i.rung))}</td>
              <td><span class="badge ${i.breachCount ? 'red' : ''}">${esc(label('status', i.status))}</span></td>
              <td class="num hide-narrow">${i.breachCount}</td>
              <td><a href="#/incidents/${esc(i.id)}">${esc(i.description)}</a></td>
            </tr>`;
            })
            .join('')
        : `<tr><td colspan="8">${esc(t('board.empty'))}</td></tr>`;
    }
    tick();
  };
  const tick = () => {
    const now = Date.now();
    for (const row of main.querySelectorAll('tr[data-incident]')) {
      const i = items.find((x) => x.id === row.dataset.incident);
      if (!i) continue;
      const left = remaining(i, now);
      row.querySelector('[data-remaining]').textContent = left === null ? '—' : duration(left);
      row.className = urgency(i, now);
    }
  };
  const load = async () => {
    const page = await api('/incidents?limit=200');
    if (!alive()) return;
    items = page.items;
    paint();
  };
  await load();
  every(2000, () => load().catch(() => undefined), alive);
  every(1000, tick, alive);

  if (canReport) {
    const select = $('#report-contract', main);
    select.innerHTML = contracts.map((c) => `<option value="${esc(c.id)}">${esc(c.customer)} — ${esc(c.name)}</option>`).join('');
    const severities = async () => {
      const contract = byId.get(select.value);
      if (!contract) return;
      const policy = await api(`/policies/${contract.policyId}`);
      $('#report-severity', main).innerHTML = Object.keys(policy.definition.severities)
        .map((s) => `<option>${esc(s)}</option>`)
        .join('');
    };
    select.addEventListener('change', severities);
    await severities();
    $('#report', main).addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        const created = await api('/incidents', { method: 'POST', body: formData(event.target) });
        toast(t('board.report.done'));
        location.hash = `#/incidents/${created.id}`;
      } catch (error) {
        showError($('#report-error', main), error);
      }
    });
  }
}
