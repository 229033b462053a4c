import { api, session } from '../lib/api.js';
import { $, every, formData, render, showError, toast } from '../lib/dom.js';
import { duration, esc, inZone, urgency } from '../lib/format.js';

/** Incident board: soonest due first, remaining time live, amber/red rows; engineers report here. */
export async function boardView() {
  const canReport = session.has('engineer');
  const main = render(`
    <h1>Incident board</h1>
    ${
      canReport
        ? `<section class="panel" aria-labelledby="report-h">
      <h2 id="report-h">Report an incident</h2>
      <form id="report" class="inline">
        <label>Contract <select name="contractId" id="report-contract" required></select></label>
        <label>Severity <select name="severity" id="report-severity" required></select></label>
        <label style="flex:1 1 20rem">Description <input name="description" required maxlength="4000" /></label>
        <button type="submit">Report</button>
      </form>
      <div id="report-error"></div>
    </section>`
        : ''
    }
    <div class="table-wrap"><table aria-describedby="board-note">
      <thead><tr><th>Due next</th><th>Remaining</th><th>Severity</th><th class="hide-narrow">Contract</th><th>Rung</th><th>Status</th><th>Breaches</th><th class="hide-narrow">Description</th></tr></thead>
      <tbody id="rows"><tr><td colspan="8">Loading…</td></tr></tbody>
    </table></div>
    <p id="board-note" class="muted">Times in each incident's calendar zone. Refreshes every 2 seconds.</p>`);

  let items = [];
  const paint = () => {
    const now = Date.now();
    $('#rows', main).innerHTML = items.length
      ? items
          .map((i) => {
            const left = i.nextClock?.dueAt != null ? i.nextClock.dueAt - now : null;
            return `<tr class="${urgency(i, now)}" data-incident="${esc(i.id)}">
              <td>${i.nextClock ? `${esc(i.nextClock.key)}<br><span class="muted">${esc(inZone(i.nextClock.dueAt, i.zone))} ${esc(i.zone)}</span>` : '—'}</td>
              <td class="num" data-remaining>${left === null ? '—' : esc(duration(left))}</td>
              <td>${esc(i.severity)}</td>
              <td class="hide-narrow">${esc(i.contractName || i.contractId)}</td>
              <td>${esc(i.rung)}</td>
              <td><span class="badge ${i.breachCount ? 'red' : ''}">${esc(i.status)}</span></td>
              <td class="num">${i.breachCount}</td>
              <td class="hide-narrow"><a href="#/incidents/${esc(i.id)}">${esc(i.description)}</a></td>
            </tr>`;
          })
          .join('')
      : '<tr><td colspan="8">No incidents.</td></tr>';
  };
  const load = async () => {
    const page = await api('/incidents?limit=200');
    items = page.items;
    paint();
  };
  await load();
  every(2000, () => load().catch(() => undefined));
  every(1000, paint);

  if (canReport) {
    const contracts = (await api('/contracts?limit=200')).items;
    const select = $('#report-contract', main);
    select.innerHTML = contracts.map((c) => `<option value="${esc(c.id)}">${esc(c.name)} — ${esc(c.customer)}</option>`).join('');
    const severities = async () => {
      const contract = contracts.find((c) => c.id === select.value);
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
        toast('Incident reported');
        location.hash = `#/incidents/${created.id}`;
      } catch (error) {
        showError($('#report-error', main), error);
      }
    });
  }
}
