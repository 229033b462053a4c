import { api, session } from '../lib/api.js';
import { $, every, formData, render, showError, toast } from '../lib/dom.js';
import { duration, esc, inZone } from '../lib/format.js';
import { ladderSvg } from './ladder-chart.js';
import { STEPS } from './steps.js';

/** One incident: the ladder drawn against what happened, live countdowns, the timeline, the steps it accepts now. */
export async function incidentView(id) {
  const main = render(`<p>Loading incident…</p>`);
  let detail;
  let openForm = null;

  const paintClocks = () => {
    const now = Date.now();
    const { state, zone } = detail;
    $('#ladder', main).innerHTML = ladderSvg(state.clockViews, state.pauses, zone, Date.parse(detail.reportedAt), now);
    $('#clocks', main).innerHTML = state.clockViews
      .map((c) => {
        const left = c.status === 'running' && c.dueAt !== null ? c.dueAt - now : null;
        const cls = c.status === 'breached' || (left !== null && left < 0) ? 'red' : c.status === 'met' ? 'ok' : '';
        return `<tr><td>${esc(c.key)}</td><td><span class="badge ${cls}">${esc(c.status)}</span></td>
          <td>${esc(inZone(c.dueAt, zone))}</td><td class="num" data-countdown="${esc(c.key)}">${left === null ? (c.status === 'running' ? 'paused' : '—') : esc(duration(left))}</td>
          <td class="num">${c.marginMs === undefined ? '—' : esc(duration(c.marginMs))}</td><td class="num">${c.percentUsed}%</td></tr>`;
      })
      .join('');
  };

  const stepForm = (name) => {
    const step = STEPS[name];
    const field = (f) => {
      const options = f.options === 'severities' ? detail.severities.filter((s) => s !== detail.state.severity) : f.options;
      const input = options
        ? `<select name="${f.name}">${options.map((o) => `<option>${esc(o)}</option>`).join('')}</select>`
        : `<input name="${f.name}" ${f.optional ? '' : 'required'} maxlength="4000" />`;
      return `<label>${esc(f.label)} ${input}</label>`;
    };
    return `<form class="inline panel" data-step-form="${name}">
      <strong>${esc(step.label)}</strong>${step.fields.map(field).join('')}
      <label>Note <input name="note" maxlength="4000" /></label>
      <button type="submit">Confirm</button> <button type="button" class="secondary" data-cancel>Close</button>
    </form>`;
  };

  const paint = () => {
    const { state, zone } = detail;
    const canStep = session.has('engineer');
    main.innerHTML = `
      <h1>${esc(detail.description)}</h1>
      <div class="grid2">
        <section class="panel"><dl class="facts">
          <dt>Status</dt><dd><span class="badge" data-status>${esc(state.status)}</span> · stage ${esc(state.stage)} · rung ${esc(state.rung)}</dd>
          <dt>Severity</dt><dd>${esc(state.severity)}</dd>
          <dt>Reported</dt><dd>${esc(inZone(detail.reportedAt, zone))} <span class="muted">(${esc(zone)})</span></dd>
          <dt>Breaches</dt><dd data-breaches>${state.breachCount}</dd>
          <dt>Assignees</dt><dd>${esc(state.assignees.join(', ') || '—')}</dd>
          <dt>Contract</dt><dd>${esc(detail.contractId)}</dd>
          ${detail.status === 'closed' ? `<dt>Fault report</dt><dd><a href="#/incidents/${esc(id)}/report">open</a></dd>` : ''}
        </dl></section>
        <section class="panel" aria-labelledby="steps-h"><h2 id="steps-h">Steps</h2>
          ${
            canStep
              ? `<div class="steps">${
                  state.allowedSteps.map((s) => `<button type="button" data-step="${s}">${esc(STEPS[s].label)}</button>`).join('') ||
                  '<span class="muted">No step possible now.</span>'
                }</div>`
              : '<p class="muted">Read-only: your token has no engineer role.</p>'
          }
          <div id="step-form">${openForm ? stepForm(openForm) : ''}</div><div id="step-error"></div>
        </section>
      </div>
      <h2>Ladder <span class="muted">(times in ${esc(zone)}; shaded = paused)</span></h2>
      <div class="panel ladder" id="ladder"></div>
      <div class="table-wrap"><table><thead><tr><th>Target</th><th>Status</th><th>Due (${esc(zone)})</th><th class="num">Remaining</th><th class="num">Margin</th><th class="num">Used</th></tr></thead>
      <tbody id="clocks"></tbody></table></div>
      <h2>Timeline</h2>
      <div class="table-wrap"><table><thead><tr><th>#</th><th>When (${esc(zone)})</th><th>What</th><th>Who</th></tr></thead><tbody>
      ${detail.timeline.map((e) => `<tr><td>${e.seq}</td><td>${esc(inZone(e.at, zone))}</td><td>${esc(e.kind)}</td><td>${esc(e.actor || '')}</td></tr>`).join('')}
      </tbody></table></div>`;
    paintClocks();
  };

  const load = async () => {
    detail = await api(`/incidents/${id}`);
    paint();
  };

  main.addEventListener('click', (event) => {
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
    if (name === 'experts' && body.experts)
      body.experts = body.experts
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    try {
      await api(`/incidents/${id}/${STEPS[name].path}`, { method: 'POST', body });
      openForm = null;
      toast(`${STEPS[name].label}: done`);
      await load();
    } catch (error) {
      showError($('#step-error', main), error);
    }
  });

  await load();
  every(1000, paintClocks);
  every(3000, () => {
    if (!openForm) load().catch(() => undefined);
  });
}

export async function faultReportView(id) {
  const main = render('<p>Loading report…</p>');
  const res = await api(`/incidents/${id}/report?format=markdown`, { raw: true });
  const text = await res.text();
  main.innerHTML = `<h1>Fault report</h1><p><a href="#/incidents/${esc(id)}">Back to the incident</a></p><pre class="panel" style="white-space:pre-wrap">${esc(text)}</pre>`;
}
