import { api, session } from '../lib/api.js';
import { $, every, formData, liveness, render, showError, toast } from '../lib/dom.js';
import { duration, esc, inZone, money, sumDecimals, zoneLabel } from '../lib/format.js';
import { t } from '../lib/i18n.js';
import { describeEvent, label, targetLabel } from '../lib/labels.js';
import { ladderSvg } from './ladder-chart.js';
import { loadSteps } from './steps.js';

/**
 * Accrual periods fold into one line, shown where accrual started (a 30-day outage is one line, not
 * 30, even with the engineers' steps in between). Numbering restarts after a reclassification
 * changes what is owed: that starts a new line.
 */
function timelineGroups(events) {
  const groups = [];
  let accruals = null;
  for (const e of events) {
    if (e.kind !== 'penalty_period_due') {
      groups.push({ kind: e.kind, events: [e] });
      continue;
    }
    const last = accruals?.events[accruals.events.length - 1];
    if (last && (e.data?.periodIndex ?? 0) > (last.data?.periodIndex ?? 0)) {
      accruals.events.push(e);
      continue;
    }
    accruals = { kind: e.kind, events: [e] };
    groups.push(accruals);
  }
  return groups;
}

function eventRow(e, zone) {
  const amount =
    e.kind === 'penalty_period_due' && e.data?.nominalAmount
      ? ` <span class="muted">${esc(money(e.data.nominalAmount, e.data.currency))}</span>`
      : '';
  return `<tr><td class="num">${e.seq}</td><td>${esc(inZone(e.at, zone))}</td><td>${esc(describeEvent(e.kind, e.data))}${amount}</td><td>${esc(e.actor || '')}</td></tr>`;
}

function timelineHtml(events, zone, expanded) {
  return timelineGroups(events)
    .map((g) => {
      if (g.events.length === 1) return `<tbody>${eventRow(g.events[0], zone)}</tbody>`;
      const first = g.events[0];
      const last = g.events[g.events.length - 1];
      const id = `fold-${first.seq}`;
      const open = expanded.has(id);
      const total = money(sumDecimals(g.events.map((e) => e.data?.nominalAmount ?? '0')), first.data?.currency);
      return `<tbody><tr class="fold"><td class="num">${first.seq}–${last.seq}</td><td>${esc(inZone(first.at, zone))} – ${esc(inZone(last.at, zone))}</td>
        <td><button type="button" class="fold-toggle" data-fold="${id}" aria-expanded="${open}" aria-controls="${id}">${esc(
          t('incident.timeline.accruals', { count: g.events.length, total }),
        )}</button></td><td></td></tr></tbody>
        <tbody id="${id}" class="folded" ${open ? '' : 'hidden'}>${g.events.map((e) => eventRow(e, zone)).join('')}</tbody>`;
    })
    .join('');
}

/** One incident: the ladder drawn against what happened, live countdowns, the timeline, the steps it accepts now. */
export async function incidentView(id) {
  const alive = liveness();
  const main = render(`<p>${esc(t('app.loading'))}</p>`);
  const STEPS = await loadSteps();
  let detail;
  let contract = null;
  let openForm = null;
  let painted = '';
  const expanded = new Set();

  const paintClocks = () => {
    const now = Date.now();
    const { state, zone } = detail;
    $('#ladder', main).innerHTML = ladderSvg(state.clockViews, state.pauses, zone, Date.parse(detail.reportedAt), now);
    $('#clocks', main).innerHTML = state.clockViews
      .map((c) => {
        const left = c.status === 'running' && c.dueAt !== null ? c.dueAt - now : null;
        const cls = c.status === 'breached' || (left !== null && left < 0) ? 'red' : c.status === 'met' ? 'ok' : '';
        return `<tr><th scope="row">${esc(targetLabel(c.key))}</th><td><span class="badge ${cls}">${esc(label('clockStatus', c.status))}</span></td>
          <td>${esc(inZone(c.dueAt, zone))}</td><td class="num" data-countdown="${esc(c.key)}">${left === null ? (c.status === 'running' ? esc(t('incident.clock.paused')) : '—') : esc(duration(left))}</td>
          <td class="num">${c.marginMs === undefined ? '—' : esc(duration(c.marginMs))}</td><td class="num">${c.percentUsed}%</td></tr>`;
      })
      .join('');
  };

  const stepForm = (name) => {
    const step = STEPS[name];
    const field = (f) => {
      const text = t(`stepField.${f.label || f.name}`);
      // The incident's pinned causes and "other"; without a list the cause is free text.
      const options =
        f.options === 'severities'
          ? detail.severities.filter((s) => s !== detail.state.severity)
          : f.options === 'exclusionCauses'
            ? detail.exclusionCauses && [...detail.exclusionCauses, 'other']
            : f.options;
      const input = options
        ? `<select name="${f.name}">${options.map((o) => `<option value="${esc(o)}">${esc(f.labels ? label(f.labels, o) : o)}</option>`).join('')}</select>`
        : `<input name="${f.name}" ${f.optional ? '' : 'required'} maxlength="4000" />`;
      return `<label>${esc(text)} ${input}</label>`;
    };
    return `<form class="inline panel" data-step-form="${name}" aria-labelledby="step-form-h">
      <strong id="step-form-h">${esc(label('step', name))}</strong>${step.fields.map(field).join('')}
      <label>${esc(t('stepField.note'))} <input name="note" maxlength="4000" ${step.noteRequired ? 'required' : ''} /></label>
      <button type="submit">${esc(t('incident.confirm'))}</button> <button type="button" class="secondary" data-cancel>${esc(t('incident.close'))}</button>
    </form>`;
  };

  const paint = () => {
    const { state, zone } = detail;
    const canStep = session.has('engineer');
    main.innerHTML = `
      <h1>${esc(detail.description)}</h1>
      <div class="grid2">
        <section class="panel" aria-labelledby="facts-h"><h2 id="facts-h" class="visually-hidden">${esc(t('incident.facts'))}</h2><dl class="facts">
          <dt>${esc(t('incident.customer'))}</dt><dd data-customer>${esc(contract?.customer ?? '—')}${contract ? ` <span class="muted">(${esc(contract.name)})</span>` : ''}</dd>
          <dt>${esc(t('incident.status'))}</dt><dd><span class="badge" data-status>${esc(label('status', state.status))}</span></dd>
          <dt>${esc(t('incident.stage'))}</dt><dd>${esc(label('stage', state.stage))}</dd>
          <dt>${esc(t('incident.rung'))}</dt><dd>${esc(label('rung', state.rung))}</dd>
          <dt>${esc(t('incident.severity'))}</dt><dd>${esc(state.severity)}</dd>
          <dt>${esc(t('incident.reported'))}</dt><dd>${esc(inZone(detail.reportedAt, zone))} <span class="muted">${esc(zoneLabel(zone))}</span></dd>
          <dt>${esc(t('incident.breaches'))}</dt><dd data-breaches>${state.breachCount}</dd>
          <dt>${esc(t('incident.assignees'))}</dt><dd>${esc(state.assignees.join(t('app.listSeparator')) || '—')}</dd>
          ${detail.status === 'closed' ? `<dt>${esc(t('incident.faultReport'))}</dt><dd><a href="#/incidents/${esc(id)}/report">${esc(t('incident.openReport'))}</a></dd>` : ''}
        </dl></section>
        <section class="panel" aria-labelledby="steps-h"><h2 id="steps-h">${esc(t('incident.steps'))}</h2>
          ${
            canStep
              ? `<div class="steps">${
                  state.allowedSteps.map((s) => `<button type="button" data-step="${s}">${esc(label('step', s))}</button>`).join('') ||
                  `<span class="muted">${esc(t('incident.noStep'))}</span>`
                }</div>`
              : `<p class="muted">${esc(t('incident.readOnly'))}</p>`
          }
          <div id="step-form">${openForm ? stepForm(openForm) : ''}</div><div id="step-error"></div>
        </section>
      </div>
      <h2>${esc(t('incident.ladder'))} <span class="muted">${esc(t('incident.ladderNote', { zone: zoneLabel(zone) }))}</span></h2>
      <div class="panel ladder" id="ladder"></div>
      <div class="table-wrap"><table><caption class="visually-hidden">${esc(t('incident.clocksCaption'))}</caption>
      <thead><tr><th scope="col">${esc(t('incident.clock.target'))}</th><th scope="col">${esc(t('incident.clock.status'))}</th><th scope="col">${esc(t('incident.clock.due', { zone }))}</th><th scope="col" class="num">${esc(t('incident.clock.remaining'))}</th><th scope="col" class="num">${esc(t('incident.clock.margin'))}</th><th scope="col" class="num">${esc(t('incident.clock.used'))}</th></tr></thead>
      <tbody id="clocks"></tbody></table></div>
      <h2 id="timeline-h">${esc(t('incident.timeline.title'))}</h2>
      <div class="table-wrap"><table id="timeline" aria-labelledby="timeline-h"><thead><tr><th scope="col" class="num">${esc(t('incident.timeline.seq'))}</th><th scope="col">${esc(t('incident.timeline.when', { zone }))}</th><th scope="col">${esc(t('incident.timeline.what'))}</th><th scope="col">${esc(t('incident.timeline.who'))}</th></tr></thead>
      ${timelineHtml(detail.timeline, zone, expanded)}
      </table></div>`;
    paintClocks();
  };

  /** Repaints only when something a person sees changed, so the focus and an open fold stay where they are. */
  const repaint = () => {
    const s = detail.state;
    const signature = JSON.stringify([
      detail.status,
      detail.timeline.length,
      s.status,
      s.stage,
      s.rung,
      s.severity,
      s.breachCount,
      s.allowedSteps,
      s.assignees,
      s.clockViews.map((c) => [c.key, c.status, c.dueAt]),
      s.pauses,
    ]);
    if (signature === painted) return paintClocks();
    painted = signature;
    paint();
  };

  const load = async () => {
    const fresh = await api(`/incidents/${id}`);
    if (!alive()) return;
    detail = fresh;
    repaint();
  };

  main.addEventListener('click', (event) => {
    const fold = event.target.closest('[data-fold]');
    if (fold) {
      const open = fold.getAttribute('aria-expanded') !== 'true';
      if (open) expanded.add(fold.dataset.fold);
      else expanded.delete(fold.dataset.fold);
      fold.setAttribute('aria-expanded', String(open));
      $(`#${fold.dataset.fold}`, main).hidden = !open;
      return;
    }
    const button = event.target.closest('[data-step]');
    if (button) {
      openForm = button.dataset.step;
      $('#step-form', main).innerHTML = stepForm(openForm);
      $('#step-error', main).innerHTML = '';
      $('#step-form input, #step-form select, #step-form button', main)?.focus();
    }
    if (event.target.closest('[data-cancel]')) {
      openForm = null;
      $('#step-form', main).innerHTML = '';
    }
  });
  main.addEventListener('submit', async (event) => {
    const form = event.target.closest('[data-step-form]');
    if (!form) return;
    event.preventDefault();
    const name = form.dataset.stepForm;
    const body = formData(form);
    for (const f of STEPS[name].fields) {
      if (f.list && typeof body[f.name] === 'string')
        body[f.name] = body[f.name]
          .split(/[,,、]/)
          .map((s) => s.trim())
          .filter(Boolean);
    }
    try {
      await api(`/incidents/${id}/${STEPS[name].path}`, { method: 'POST', body });
      openForm = null;
      toast(t('incident.stepDone', { step: label('step', name) }));
      painted = '';
      await load();
    } catch (error) {
      showError($('#step-error', main), error);
    }
  });

  detail = await api(`/incidents/${id}`);
  contract = await api(`/contracts/${detail.contractId}`).catch(() => null);
  if (!alive()) return;
  repaint();
  every(1000, paintClocks, alive);
  every(
    3000,
    () => {
      if (!openForm) load().catch(() => undefined);
    },
    alive,
  );
}

export async function faultReportView(id) {
  const main = render(`<p>${esc(t('app.loading'))}</p>`);
  const res = await api(`/incidents/${id}/report?format=markdown`, { raw: true });
  const text = await res.text();
  main.innerHTML = `<h1>${esc(t('faultReport.title'))}</h1><p><a href="#/incidents/${esc(id)}">${esc(t('faultReport.back'))}</a></p>
    <p class="muted">${esc(t('faultReport.asDelivered'))}</p><pre class="panel report">${esc(text)}</pre>`;
}
