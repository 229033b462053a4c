import { api } from '../lib/api.js';
import { $, formData, render, showError, toast } from '../lib/dom.js';
import { esc, inZone, money, percent, zoneLabel } from '../lib/format.js';
import { language, LANGUAGES, t } from '../lib/i18n.js';
import { amountText, label, targetLabel } from '../lib/labels.js';

const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const minutes = (hhmm) => {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
};
/** Weekday names from Intl (2024-01-01 was a Monday). */
const dayName = (i, weekday = 'short') =>
  new Intl.DateTimeFormat(language(), { weekday, timeZone: 'UTC' }).format(Date.UTC(2024, 0, 1 + i));
const list = (items) => (items.length ? items.join(t('app.listSeparator')) : t('app.none'));

/** Week view of a calendar's working windows, with its holidays and make-up days listed. */
function weekView(def) {
  const cols = DAYS.map((d, i) => {
    const wins = (def.week[d] || [])
      .map((w) => {
        const top = (minutes(w.open) / 1440) * 100;
        const h = ((minutes(w.close) - minutes(w.open)) / 1440) * 100;
        return `<div class="win" style="top:${top}%;height:${h}%"></div>`;
      })
      .join('');
    const windows = (def.week[d] || []).map((w) => `${w.open}–${w.close}`);
    return `<div><div class="muted" aria-hidden="true">${esc(dayName(i))}</div><div class="day" role="img" aria-label="${esc(
      t('calendars.dayWindows', {
        day: dayName(i, 'long'),
        windows: windows.length ? windows.join(t('app.listSeparator')) : t('calendars.notWorked'),
      }),
    )}">${wins}</div></div>`;
  }).join('');
  const hours = [0, 6, 12, 18, 24].map((h) => `<div style="position:absolute;top:${(h / 24) * 100}%">${h}:00</div>`).join('');
  return `<div class="week"><div><div>&nbsp;</div><div class="hours" aria-hidden="true">${hours}</div></div>${cols}</div>
    <p class="muted">${esc(
      t('calendars.summary', {
        zone: zoneLabel(def.zone),
        holidays: list(def.holidays),
        extra: list(def.extraWorkingDays.map((d) => d.date)),
      }),
    )}</p>`;
}

const EXAMPLE_CALENDAR = {
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
};

export async function calendarsView() {
  const { items } = await api('/calendars?limit=200');
  const main = render(`<h1>${esc(t('calendars.title'))}</h1>
    <div class="grid2">
      <section class="panel" aria-labelledby="cal-list-h"><h2 id="cal-list-h">${esc(t('calendars.list'))}</h2><ul>${items
        .map((c) => `<li><a href="#" data-cal="${esc(c.id)}">${esc(c.name)}</a> <span class="muted">${esc(c.definition.zone)}</span></li>`)
        .join('')}</ul>
      <div id="week"></div></section>
      <section class="panel" aria-labelledby="cal-form-h"><h2 id="cal-form-h">${esc(t('calendars.new'))}</h2>
        <form id="cal-form">
          <label>${esc(t('calendars.name'))} <input name="name" required /></label>
          <label>${esc(t('calendars.definition'))} <textarea name="definition" spellcheck="false">${esc(JSON.stringify(EXAMPLE_CALENDAR, null, 2))}</textarea></label>
          <button type="submit">${esc(t('app.save'))}</button>
        </form><div id="cal-error"></div></section>
    </div>`);
  const show = (id) => {
    const cal = items.find((c) => c.id === id);
    if (cal) $('#week', main).innerHTML = `<h3>${esc(cal.name)}</h3>${weekView(cal.definition)}`;
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
    let definition;
    try {
      definition = JSON.parse(f.definition);
    } catch {
      return showError($('#cal-error', main), new Error(t('calendars.badJson')));
    }
    try {
      await api('/calendars', { method: 'POST', body: { name: f.name, definition } });
      toast(t('calendars.saved'));
      await calendarsView();
    } catch (error) {
      showError($('#cal-error', main), error);
    }
  });
}

const UNITS = ['seconds', 'minutes', 'hours', 'days', 'workingMinutes', 'workingHours', 'workingDays'];
const ANCHORS = ['report', 'rungStart'];

/** Policy editor: per-severity targets; saving makes a new version; a preview draws the ladder for a report time. */
export async function policiesView(selected) {
  const { items } = await api('/policies?limit=200');
  const calendars = (await api('/calendars?limit=200')).items;
  const policy = items.find((p) => p.id === selected) || items[0];
  const main = render(`<h1>${esc(t('policies.title'))}</h1>
    <form class="inline panel" id="pick"><label>${esc(t('policies.policy'))} <select name="policy">${items
      .map(
        (p) =>
          `<option value="${esc(p.id)}" ${p.id === policy?.id ? 'selected' : ''}>${esc(t('policies.nameVersion', { name: p.name, version: p.version }))}</option>`,
      )
      .join('')}</select></label></form>
    <div id="editor"></div>`);
  $('#pick', main).addEventListener('change', (e) => policiesView(e.target.value));
  if (!policy) return;
  const severities = Object.keys(policy.definition.severities);
  // The target slots come from the API's catalogue, in ladder order.
  const SLOTS = (await api('/catalogue')).targets.map((slot) => [slot.rung, slot.field]);
  const cell = (sev, g, n) => {
    const target = policy.definition.severities[sev][g]?.[n];
    if (!target) return `<td class="muted">${esc(t('policies.notPromised'))}</td>`;
    const id = `${sev}.${g}.${n}`;
    const what = { target: targetLabel(`${g}.${n}`), severity: sev };
    return `<td><div class="cell"><input aria-label="${esc(t('policies.amount', what))}" data-t="${esc(id)}" data-k="amount" type="number" min="0" step="any" value="${target.amount}" style="width:5rem" />
      <select aria-label="${esc(t('policies.unit', what))}" data-t="${esc(id)}" data-k="unit">${UNITS.map((u) => `<option value="${u}" ${u === target.unit ? 'selected' : ''}>${esc(label('unit', u))}</option>`).join('')}</select>
      <select aria-label="${esc(t('policies.anchor', what))}" data-t="${esc(id)}" data-k="anchor">${ANCHORS.map((a) => `<option value="${a}" ${a === target.anchor ? 'selected' : ''}>${esc(label('anchor', a))}</option>`).join('')}</select>
      <label class="check"><input type="checkbox" aria-label="${esc(t('policies.endOfDay', what))}" data-t="${esc(id)}" data-k="endOfDay" ${target.endOfDay ? 'checked' : ''} /> ${esc(t('policies.endOfDayShort'))}</label></div></td>`;
  };
  $('#editor', main).innerHTML = `
    <section class="panel"><div class="table-wrap"><table><caption class="visually-hidden">${esc(t('policies.caption', { name: policy.name }))}</caption>
    <thead><tr><th scope="col">${esc(t('policies.target'))}</th>${severities.map((s) => `<th scope="col">${esc(s)}</th>`).join('')}</tr></thead><tbody>
      ${SLOTS.map(([g, n]) => `<tr><th scope="row">${esc(targetLabel(`${g}.${n}`))}<br><span class="muted hint">${esc(label('targetHint', `${g}.${n}`))}</span></th>${severities.map((s) => cell(s, g, n)).join('')}</tr>`).join('')}
    </tbody></table></div>
    <button type="button" id="save">${esc(t('policies.save', { version: policy.version + 1 }))}</button><div id="policy-error"></div></section>
    <section class="panel" aria-labelledby="preview-h"><h2 id="preview-h">${esc(t('policies.preview'))}</h2>
      <form class="inline" id="preview-form">
        <label>${esc(t('policies.severity'))} <select name="severity">${severities.map((s) => `<option>${esc(s)}</option>`).join('')}</select></label>
        <label>${esc(t('policies.reportedAt'))} <input name="reportedAt" type="datetime-local" required value="${new Date(Date.now() - new Date().getTimezoneOffset() * 60000).toISOString().slice(0, 16)}" /></label>
        <label>${esc(t('policies.calendar'))} <select name="calendarId">${calendars.map((c) => `<option value="${esc(c.id)}">${esc(c.name)}</option>`).join('')}</select></label>
        <button type="submit">${esc(t('policies.previewSubmit'))}</button>
      </form><div id="preview"></div></section>`;
  $('#save', main).addEventListener('click', async () => {
    const definition = structuredClone(policy.definition);
    for (const el of main.querySelectorAll('[data-t]')) {
      const [sev, g, n] = el.dataset.t.split('.');
      const target = definition.severities[sev][g][n];
      // endOfDay is sent only when ticked (the API takes true or nothing).
      if (el.dataset.k === 'endOfDay') {
        if (el.checked) target.endOfDay = true;
        else delete target.endOfDay;
      } else target[el.dataset.k] = el.dataset.k === 'amount' ? Number(el.value) : el.value;
    }
    try {
      await api(`/policies/${policy.id}`, { method: 'PUT', body: { definition } });
      toast(t('policies.saved', { name: policy.name, version: policy.version + 1 }));
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
      // A target counted from its rung's start assumes the rung opens when the target that opens it falls
      // due: the trigger of its own rung, else the nearest target before it due at that instant.
      const counted = (r, i) => {
        if (r.anchor !== 'rungStart') return esc(label('anchor', r.anchor));
        const due = rows.filter((o, j) => j !== i && o.dueAt === r.anchorAt);
        const opener = due.find((o) => o.rung === r.rung) ?? due.filter((o) => rows.indexOf(o) < i).pop();
        const assumption = opener ? t('policies.assumeOpener', { opener: targetLabel(opener.key) }) : t('policies.assumeReport');
        return `${esc(label('anchor', r.anchor))} <span class="muted">(${esc(assumption)})</span>`;
      };
      $('#preview', main).innerHTML =
        `<div class="table-wrap"><table><caption class="visually-hidden">${esc(t('policies.preview'))}</caption><thead><tr><th scope="col">${esc(t('policies.target'))}</th><th scope="col">${esc(t('policies.previewTarget'))}</th><th scope="col">${esc(t('policies.due', { zone }))}</th><th scope="col">${esc(t('policies.countedFrom'))}</th></tr></thead><tbody>
        ${rows.map((r, i) => `<tr><th scope="row">${esc(targetLabel(r.key))}</th><td>${esc(amountText(r.target))}</td><td>${esc(inZone(r.dueAt, zone))}</td><td>${counted(r, i)}</td></tr>`).join('')}</tbody></table></div>`;
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
  const calendarName = new Map(calendars.items.map((c) => [c.id, c.name]));
  const terms = (p) =>
    p
      ? t('contracts.terms', {
          rate: percent(p.ratePerPeriod),
          period: t(`domain:amount.${p.period?.unit ?? 'days'}`, { count: p.period?.amount ?? 1 }),
          cap: percent(p.capFraction),
          scope: label('capScope', p.capScope),
        })
      : '—';
  const main = render(`<h1>${esc(t('contracts.title'))}</h1>
    <div class="table-wrap"><table><caption class="visually-hidden">${esc(t('contracts.title'))}</caption><thead><tr><th scope="col">${esc(t('contracts.customer'))}</th><th scope="col">${esc(t('contracts.name'))}</th><th scope="col" class="num">${esc(t('contracts.total'))}</th><th scope="col">${esc(t('contracts.calendar'))}</th><th scope="col">${esc(t('contracts.language'))}</th><th scope="col">${esc(t('contracts.penalty'))}</th></tr></thead><tbody>
    ${contracts.items.map((c) => `<tr><td>${esc(c.customer)}</td><td><a href="#/finance/penalties/${esc(c.id)}">${esc(c.name)}</a></td><td class="num">${esc(money(c.totalValue, c.currency))}</td><td>${esc(calendarName.get(c.calendarId) ?? c.calendarId)}</td><td lang="${esc(c.language)}">${esc(t(`app.languageName.${c.language}`))}</td><td>${esc(terms(c.penaltyTerms))}</td></tr>`).join('')}
    </tbody></table></div>
    <section class="panel" aria-labelledby="contract-form-h"><h2 id="contract-form-h">${esc(t('contracts.new'))}</h2><form id="contract-form" class="inline">
      <label>${esc(t('contracts.name'))} <input name="name" required /></label><label>${esc(t('contracts.customer'))} <input name="customer" required /></label>
      <label>${esc(t('contracts.total'))} <input name="totalValue" required placeholder="1000000.00" inputmode="decimal" /></label><label>${esc(t('contracts.currency'))} <input name="currency" required value="CNY" size="4" /></label>
      <label>${esc(t('contracts.calendar'))} <select name="calendarId">${calendars.items.map((c) => `<option value="${esc(c.id)}">${esc(c.name)}</option>`).join('')}</select></label>
      <label>${esc(t('contracts.policy'))} <select name="policyId">${policies.items.map((p) => `<option value="${esc(p.id)}">${esc(p.name)}</option>`).join('')}</select></label>
      <label>${esc(t('contracts.documentLanguage'))} <select name="language">${LANGUAGES.map((l) => `<option value="${l}" lang="${l}">${esc(t(`app.languageName.${l}`))}</option>`).join('')}</select></label>
      <label>${esc(t('contracts.rate'))} <input name="ratePerPeriod" value="0.0025" size="7" inputmode="decimal" /></label><label>${esc(t('contracts.cap'))} <input name="capFraction" value="0.05" size="5" inputmode="decimal" /></label>
      <button type="submit">${esc(t('contracts.create'))}</button></form><div id="contract-error"></div></section>`);
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
      language: f.language,
      penaltyTerms: { ratePerPeriod: f.ratePerPeriod, capFraction: f.capFraction },
    };
    try {
      await api('/contracts', { method: 'POST', body });
      toast(t('contracts.created'));
      await contractsView();
    } catch (error) {
      showError($('#contract-error', main), error);
    }
  });
}

const ROLES = ['admin', 'engineer', 'finance', 'viewer'];

export async function tokensView() {
  const tokens = await api('/tokens');
  const items = Array.isArray(tokens) ? tokens : tokens.items;
  const main = render(`<h1>${esc(t('tokens.title'))}</h1>
    <div class="table-wrap"><table><caption class="visually-hidden">${esc(t('tokens.title'))}</caption><thead><tr><th scope="col">${esc(t('tokens.name'))}</th><th scope="col">${esc(t('tokens.roles'))}</th><th scope="col">${esc(t('tokens.created'))}</th><th scope="col">${esc(t('tokens.lastUsed'))}</th><th scope="col"><span class="visually-hidden">${esc(t('tokens.actions'))}</span></th></tr></thead><tbody>
    ${items
      .map(
        (
          tk,
        ) => `<tr><td>${esc(tk.name)}</td><td>${esc(tk.roles.map((r) => label('role', r)).join(t('app.listSeparator')))}</td><td>${esc(inZone(tk.createdAt, 'UTC'))}</td><td>${esc(tk.lastUsedAt ? inZone(tk.lastUsedAt, 'UTC') : '—')}</td>
      <td>${tk.revokedAt ? esc(t('tokens.revoked')) : `<button type="button" class="secondary" data-revoke="${esc(tk.id)}" aria-label="${esc(t('tokens.revokeNamed', { name: tk.name }))}">${esc(t('tokens.revoke'))}</button>`}</td></tr>`,
      )
      .join('')}
    </tbody></table></div>
    <p class="muted">${esc(t('tokens.utc'))}</p>
    <section class="panel" aria-labelledby="token-form-h"><h2 id="token-form-h">${esc(t('tokens.new'))}</h2><form id="token-form" class="inline">
      <label>${esc(t('tokens.name'))} <input name="name" required /></label>
      <fieldset class="roles"><legend>${esc(t('tokens.roles'))}</legend>${ROLES.map((r) => `<label class="check"><input type="checkbox" name="role" value="${r}" /> ${esc(label('role', r))}</label>`).join('')}</fieldset>
      <button type="submit">${esc(t('tokens.create'))}</button></form><div id="token-out"></div></section>`);
  $('#token-form', main).addEventListener('submit', async (e) => {
    e.preventDefault();
    const roles = [...e.target.querySelectorAll('input[name=role]:checked')].map((i) => i.value);
    try {
      const created = await api('/tokens', { method: 'POST', body: { name: e.target.name.value, roles } });
      $('#token-out', main).innerHTML =
        `<p>${esc(t('tokens.copyNow'))}</p><pre class="panel">${esc(created.secret || created.token)}</pre>`;
    } catch (error) {
      showError($('#token-out', main), error);
    }
  });
  main.addEventListener('click', async (e) => {
    const b = e.target.closest('[data-revoke]');
    if (!b) return;
    try {
      await api(`/tokens/${b.dataset.revoke}/revoke`, { method: 'POST' });
      await tokensView();
    } catch (error) {
      showError($('#token-out', main), error);
    }
  });
}
