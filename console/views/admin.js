import { api } from '../lib/api.js';
import { $, formData, render, showError, toast } from '../lib/dom.js';
import { esc, inZone } from '../lib/format.js';

const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const minutes = (hhmm) => {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
};

/** Week view of a calendar's working windows, with its holidays and make-up days listed. */
function weekView(def) {
  const cols = DAYS.map((d) => {
    const wins = (def.week[d] || [])
      .map((w) => {
        const top = (minutes(w.open) / 1440) * 100;
        const h = ((minutes(w.close) - minutes(w.open)) / 1440) * 100;
        return `<div class="win" style="top:${top}%;height:${h}%" title="${esc(w.open)}–${esc(w.close)}"></div>`;
      })
      .join('');
    return `<div><div class="muted">${d.slice(0, 3)}</div><div class="day" aria-label="${d}: ${(def.week[d] || []).map((w) => `${w.open}–${w.close}`).join(', ') || 'not worked'}">${wins}</div></div>`;
  }).join('');
  const hours = [0, 6, 12, 18, 24].map((h) => `<div style="position:absolute;top:${(h / 24) * 100}%">${h}:00</div>`).join('');
  return `<div class="week"><div><div>&nbsp;</div><div class="hours">${hours}</div></div>${cols}</div>
    <p class="muted">Zone ${esc(def.zone)} · holidays: ${esc(def.holidays.join(', ') || 'none')} · extra working days: ${esc(def.extraWorkingDays.map((d) => d.date).join(', ') || 'none')}</p>`;
}

export async function calendarsView() {
  const { items } = await api('/calendars?limit=200');
  const main = render(`<h1>Calendars</h1>
    <div class="grid2">
      <section class="panel"><h2>Calendars</h2><ul>${items.map((c) => `<li><a href="#" data-cal="${esc(c.id)}">${esc(c.name)}</a> <span class="muted">${esc(c.definition.zone)}</span></li>`).join('')}</ul>
      <div id="week"></div></section>
      <section class="panel"><h2 id="cal-form-h">New calendar</h2>
        <form id="cal-form">
          <label>Name <input name="name" required /></label>
          <label>Definition (JSON) <textarea name="definition" spellcheck="false">${esc(
            JSON.stringify(
              {
                zone: 'Asia/Shanghai',
                week: Object.fromEntries(
                  DAYS.slice(0, 5).map((d) => [
                    d,
                    [
                      { open: '09:00', close: '12:00' },
                      { open: '13:30', close: '18:00' },
                    ],
                  ]),
                ),
                holidays: [],
                extraWorkingDays: [],
              },
              null,
              2,
            ),
          )}</textarea></label>
          <button type="submit">Save</button>
        </form><div id="cal-error"></div></section>
    </div>`);
  const show = (id) => {
    const cal = items.find((c) => c.id === id);
    if (cal) $('#week', main).innerHTML = `<h2>${esc(cal.name)}</h2>${weekView(cal.definition)}`;
  };
  if (items[0]) show(items.find((c) => c.id !== '24x7')?.id || items[0].id);
  main.addEventListener('click', (e) => {
    const link = e.target.closest('[data-cal]');
    if (link) {
      e.preventDefault();
      show(link.dataset.cal);
    }
  });
  $('#cal-form', main).addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = formData(e.target);
    try {
      await api('/calendars', { method: 'POST', body: { name: f.name, definition: JSON.parse(f.definition) } });
      toast('Calendar saved');
      await calendarsView();
    } catch (error) {
      showError($('#cal-error', main), error);
    }
  });
}

const SLOTS = [
  ['triage', 'respondWithin'],
  ['remote', 'startWithin'],
  ['remote', 'resolveWithin'],
  ['onsite', 'arriveWithin'],
  ['spare', 'triggerAfter'],
  ['spare', 'deliverWithin'],
  ['expert', 'triggerAfter'],
  ['expert', 'conveneWithin'],
  ['penalty', 'restoreWithin'],
  ['signOff', 'within'],
  ['faultReport', 'deliverWithin'],
];
const UNITS = ['seconds', 'minutes', 'hours', 'days', 'workingMinutes', 'workingHours', 'workingDays'];

/** Policy editor: per-severity targets; saving makes a new version; a preview draws the ladder for a report time. */
export async function policiesView(selected) {
  const { items } = await api('/policies?limit=200');
  const calendars = (await api('/calendars?limit=200')).items;
  const policy = items.find((p) => p.id === selected) || items[0];
  const main = render(`<h1>Escalation policies</h1>
    <form class="inline panel" id="pick"><label>Policy <select name="policy">${items.map((p) => `<option value="${esc(p.id)}" ${p.id === policy?.id ? 'selected' : ''}>${esc(p.name)} (v${p.version})</option>`).join('')}</select></label></form>
    <div id="editor"></div>`);
  $('#pick', main).addEventListener('change', (e) => policiesView(e.target.value));
  if (!policy) return;
  const severities = Object.keys(policy.definition.severities);
  const cell = (sev, g, n) => {
    const t = policy.definition.severities[sev][g][n];
    const id = `${sev}.${g}.${n}`;
    return `<td><input aria-label="${esc(id)} amount" data-t="${esc(id)}" data-k="amount" type="number" min="0" step="any" value="${t.amount}" style="width:5rem" />
      <select aria-label="${esc(id)} unit" data-t="${esc(id)}" data-k="unit">${UNITS.map((u) => `<option ${u === t.unit ? 'selected' : ''}>${u}</option>`).join('')}</select>
      <select aria-label="${esc(id)} anchor" data-t="${esc(id)}" data-k="anchor">${['report', 'rungStart'].map((a) => `<option ${a === t.anchor ? 'selected' : ''}>${a}</option>`).join('')}</select></td>`;
  };
  $('#editor', main).innerHTML = `
    <section class="panel"><div class="table-wrap"><table><thead><tr><th>Target</th>${severities.map((s) => `<th>${esc(s)}</th>`).join('')}</tr></thead><tbody>
      ${SLOTS.map(([g, n]) => `<tr><th scope="row">${g}.${n}</th>${severities.map((s) => cell(s, g, n)).join('')}</tr>`).join('')}
    </tbody></table></div>
    <button type="button" id="save">Save as version ${policy.version + 1}</button><div id="policy-error"></div></section>
    <section class="panel"><h2>Preview</h2>
      <form class="inline" id="preview-form">
        <label>Severity <select name="severity">${severities.map((s) => `<option>${esc(s)}</option>`).join('')}</select></label>
        <label>Reported at <input name="reportedAt" type="datetime-local" required value="${new Date(Date.now() - new Date().getTimezoneOffset() * 60000).toISOString().slice(0, 16)}" /></label>
        <label>Calendar <select name="calendarId">${calendars.map((c) => `<option value="${esc(c.id)}">${esc(c.name)}</option>`).join('')}</select></label>
        <button type="submit">Preview</button>
      </form><div id="preview"></div></section>`;
  $('#save', main).addEventListener('click', async () => {
    const definition = structuredClone(policy.definition);
    for (const el of main.querySelectorAll('[data-t]')) {
      const [sev, g, n] = el.dataset.t.split('.');
      definition.severities[sev][g][n][el.dataset.k] = el.dataset.k === 'amount' ? Number(el.value) : el.value;
    }
    try {
      await api(`/policies/${policy.id}`, { method: 'PUT', body: { definition } });
      toast(`Saved ${policy.name} v${policy.version + 1}`);
      await policiesView(policy.id);
    } catch (error) {
      showError($('#policy-error', main), error);
    }
  });
  $('#preview-form', main).addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = formData(e.target);
    try {
      const rows = await api(`/policies/${policy.id}/preview`, {
        method: 'POST',
        body: { ...f, reportedAt: new Date(f.reportedAt).toISOString() },
      });
      const zone = calendars.find((c) => c.id === f.calendarId)?.definition.zone;
      $('#preview', main).innerHTML =
        `<div class="table-wrap"><table><thead><tr><th>Target</th><th>Due (${esc(zone)})</th><th>Counted from</th></tr></thead><tbody>
        ${rows.map((r) => `<tr><td>${esc(r.key)}</td><td>${esc(r.dueAtLocal || inZone(r.dueAt, zone))}</td><td>${esc(r.anchor)}${r.assumption ? ` <span class="muted">(${esc(r.assumption)})</span>` : ''}</td></tr>`).join('')}</tbody></table></div>`;
    } catch (error) {
      showError($('#preview', main), error);
    }
  });
}

export async function contractsView() {
  const [contracts, calendars, policies] = await Promise.all([
    api('/contracts?limit=200'),
    api('/calendars?limit=200'),
    api('/policies?limit=200'),
  ]);
  const main = render(`<h1>Contracts</h1>
    <div class="table-wrap"><table><thead><tr><th>Name</th><th>Customer</th><th class="num">Total</th><th>Calendar</th><th>Penalty</th></tr></thead><tbody>
    ${contracts.items.map((c) => `<tr><td><a href="#/finance/penalties/${esc(c.id)}">${esc(c.name)}</a></td><td>${esc(c.customer)}</td><td class="num">${esc(c.totalValue)} ${esc(c.currency)}</td><td>${esc(c.calendarId)}</td><td>${c.penaltyTerms ? `${esc(c.penaltyTerms.ratePerPeriod)} / period, cap ${esc(c.penaltyTerms.capFraction)}` : '—'}</td></tr>`).join('')}
    </tbody></table></div>
    <section class="panel"><h2>New contract</h2><form id="contract-form" class="inline">
      <label>Name <input name="name" required /></label><label>Customer <input name="customer" required /></label>
      <label>Total value <input name="totalValue" required placeholder="1000000.00" /></label><label>Currency <input name="currency" required value="CNY" size="4" /></label>
      <label>Calendar <select name="calendarId">${calendars.items.map((c) => `<option value="${esc(c.id)}">${esc(c.name)}</option>`).join('')}</select></label>
      <label>Policy <select name="policyId">${policies.items.map((p) => `<option value="${esc(p.id)}">${esc(p.name)}</option>`).join('')}</select></label>
      <label>Rate per day <input name="ratePerPeriod" value="0.0025" size="7" /></label><label>Cap <input name="capFraction" value="0.05" size="5" /></label>
      <button type="submit">Create</button></form><div id="contract-error"></div></section>`);
  $('#contract-form', main).addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = formData(e.target);
    const body = {
      name: f.name,
      customer: f.customer,
      totalValue: f.totalValue,
      currency: f.currency,
      calendarId: f.calendarId,
      policyId: f.policyId,
      penaltyTerms: { ratePerPeriod: f.ratePerPeriod, capFraction: f.capFraction },
    };
    try {
      await api('/contracts', { method: 'POST', body });
      toast('Contract created');
      await contractsView();
    } catch (error) {
      showError($('#contract-error', main), error);
    }
  });
}

export async function tokensView() {
  const tokens = await api('/tokens');
  const list = Array.isArray(tokens) ? tokens : tokens.items;
  const main = render(`<h1>API tokens</h1>
    <div class="table-wrap"><table><thead><tr><th>Name</th><th>Roles</th><th>Created</th><th>Last used</th><th></th></tr></thead><tbody>
    ${list
      .map(
        (
          t,
        ) => `<tr><td>${esc(t.name)}</td><td>${esc(t.roles.join(', '))}</td><td>${esc(inZone(t.createdAt, 'UTC'))}</td><td>${esc(t.lastUsedAt ? inZone(t.lastUsedAt, 'UTC') : '—')}</td>
      <td>${t.revokedAt ? 'revoked' : `<button type="button" class="secondary" data-revoke="${esc(t.id)}">Revoke</button>`}</td></tr>`,
      )
      .join('')}
    </tbody></table></div>
    <section class="panel"><h2>New token</h2><form id="token-form" class="inline">
      <label>Name <input name="name" required /></label>
      ${['admin', 'engineer', 'finance', 'viewer'].map((r) => `<label style="flex-direction:row;align-items:center"><input type="checkbox" name="role" value="${r}" /> ${r}</label>`).join('')}
      <button type="submit">Create</button></form><div id="token-out"></div></section>`);
  $('#token-form', main).addEventListener('submit', async (e) => {
    e.preventDefault();
    const roles = [...e.target.querySelectorAll('input[name=role]:checked')].map((i) => i.value);
    try {
      const created = await api('/tokens', { method: 'POST', body: { name: e.target.name.value, roles } });
      $('#token-out', main).innerHTML =
        `<p>Copy it now, it is shown once:</p><pre class="panel">${esc(created.secret || created.token)}</pre>`;
    } catch (error) {
      showError($('#token-out', main), error);
    }
  });
  main.addEventListener('click', async (e) => {
    const b = e.target.closest('[data-revoke]');
    if (!b) return;
    await api(`/tokens/${b.dataset.revoke}/revoke`, { method: 'POST' }).catch(() =>
      api(`/tokens/${b.dataset.revoke}`, { method: 'DELETE' }),
    );
    await tokensView();
  });
}
