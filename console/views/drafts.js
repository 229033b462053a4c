// From a letter to a contract: paste (or upload) the letter, review its draft beside it (focusing a
// field marks the sentence it came from), edit, then create calendar, policy and contract at once.
import { api, ApiError, session } from '../lib/api.js';
import { $, render, showError } from '../lib/dom.js';
import { esc } from '../lib/format.js';
import { LANGUAGES, t } from '../lib/i18n.js';
import { label, targetLabel } from '../lib/labels.js';

const UNITS = ['seconds', 'minutes', 'hours', 'days', 'workingMinutes', 'workingHours', 'workingDays'];
const TARGET_PATH = /^policy\.severities\.([^.]+)\.([^.]+)\.([^.]+)$/;

/** A draft field path in words: "urgent: Remote diagnosis starts", "Time zone of the calendar". */
function fieldName(path) {
  const m = TARGET_PATH.exec(path);
  if (m) return `${m[1]}: ${targetLabel(`${m[2]}.${m[3]}`)}`;
  if (path.startsWith('calendar.zone')) return t('drafts.zone');
  if (path.startsWith('calendar')) return t('drafts.calendar');
  if (path.startsWith('contractTerms.penalty')) return t('contracts.penalty');
  if (path.startsWith('contractTerms.termMonths')) return t('drafts.termMonths');
  if (path.startsWith('policy.severities.')) return path.split('.')[2];
  return t('drafts.draft');
}

/** POST /drafts with a file (multipart): api() speaks JSON only. */
async function upload(file) {
  const body = new FormData();
  body.append('file', file);
  const res = await fetch('/api/v1/drafts', { method: 'POST', headers: { authorization: `Bearer ${session.token}` }, body });
  const data = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

export async function draftsView() {
  const main = render(`<h1>${esc(t('drafts.title'))}</h1>
    <section class="panel" aria-labelledby="draft-read-h"><h2 id="draft-read-h">${esc(t('drafts.read'))}</h2>
      <form id="draft-form">
        <label>${esc(t('drafts.paste'))} <textarea id="draft-text" name="text" rows="6" spellcheck="false"></textarea></label>
        <label>${esc(t('drafts.upload'))} <input id="draft-file" name="file" type="file" accept=".txt,.docx,text/plain,application/vnd.openxmlformats-officedocument.wordprocessingml.document" /></label>
        <button type="submit">${esc(t('drafts.submit'))}</button>
      </form><div id="draft-error"></div></section>
    <div id="draft-review"></div>`);
  $('#draft-form', main).addEventListener('submit', async (e) => {
    e.preventDefault();
    const file = $('#draft-file', main).files[0];
    try {
      const result = file ? await upload(file) : await api('/drafts', { method: 'POST', body: { text: $('#draft-text', main).value } });
      $('#draft-error', main).innerHTML = '';
      review(main, result);
    } catch (error) {
      showError($('#draft-error', main), error);
    }
  });
}

/** The review of one letter of the result (a select picks the letter when the text held several). */
function review(main, result, index = 0) {
  const box = $('#draft-review', main);
  if (result.letters.length === 0) {
    box.innerHTML = `<p role="status">${esc(t('drafts.noLetter'))}</p>`;
    return;
  }
  const letter = result.letters[index];
  const draft = letter.draft;
  const findings = new Map(letter.findings.map((f) => [f.id, f]));
  const fieldRow = (path) => draft.fields[path];
  const status = (path) => {
    const f = fieldRow(path);
    if (!f) return '';
    const proposed = f.status === 'proposed';
    return `<span class="badge ${proposed ? 'amber' : 'ok'}">${esc(t(proposed ? 'drafts.proposed' : 'drafts.stated'))}</span>${f.note ? ` <span class="muted hint">${esc(f.note)}</span>` : ''}`;
  };
  const targets = Object.keys(draft.fields)
    .map((path) => [path, TARGET_PATH.exec(path)])
    .filter(([, m]) => m);
  const targetRow = ([path, m]) => {
    const [, severity, rung, slot] = m;
    const target = draft.policy.severities[severity][rung][slot];
    const what = { target: targetLabel(`${rung}.${slot}`), severity };
    return `<tr><th scope="row">${esc(severity)}</th><td>${esc(what.target)}</td><td><div class="cell">
      <input aria-label="${esc(t('policies.amount', what))}" data-path="${esc(path)}" data-k="amount" type="number" min="0" step="any" value="${target.amount}" style="width:5rem" />
      <select aria-label="${esc(t('policies.unit', what))}" data-path="${esc(path)}" data-k="unit">${UNITS.map((u) => `<option value="${u}" ${u === target.unit ? 'selected' : ''}>${esc(label('unit', u))}</option>`).join('')}</select></div></td>
      <td>${status(path)}</td></tr>`;
  };
  const penalty = draft.contractTerms.penalty;
  box.innerHTML = `
    ${
      result.letters.length > 1
        ? `<form class="inline panel" id="letter-pick"><label>${esc(t('drafts.letter'))} <select id="letter-select">${result.letters
            .map((l, i) => `<option value="${i}" ${i === index ? 'selected' : ''}>${esc(l.title)}</option>`)
            .join('')}</select></label></form>`
        : ''
    }
    <div class="grid2 draft-review">
      <section class="panel letter-panel" aria-labelledby="letter-h"><h2 id="letter-h">${esc(t('drafts.letterText', { title: letter.title }))}</h2>
        <div id="letter" class="letter" tabindex="0" role="region" aria-labelledby="letter-h" lang="${letter.language === 'zh' ? 'zh-CN' : 'en'}"></div></section>
      <section class="panel" aria-labelledby="draft-h"><h2 id="draft-h">${esc(t('drafts.draft'))}</h2>
        <form id="apply-form">
          <div class="inline-fields">
            <label>${esc(t('drafts.name'))} <input name="name" required value="${esc(letter.title.slice(0, 200))}" /></label>
            <label>${esc(t('contracts.customer'))} <input name="customer" required /></label>
            <label>${esc(t('contracts.total'))} <input name="totalValue" required placeholder="1000000.00" inputmode="decimal" /></label>
            <label>${esc(t('contracts.currency'))} <input name="currency" required size="4" value="${esc(draft.contractTerms.currency)}" data-path="contractTerms.currency" /></label>
            <label>${esc(t('field.startsOn'))} <input name="startsOn" type="date" /></label>
            <label>${esc(t('drafts.termMonths'))} <input name="termMonths" type="number" min="1" step="1" value="${draft.contractTerms.termMonths ?? ''}" data-path="contractTerms.termMonths" /></label>
            <label>${esc(t('contracts.documentLanguage'))} <select name="language">${LANGUAGES.map((l) => `<option value="${l}" lang="${l}" ${(letter.language === 'zh') === (l === 'zh-CN') ? 'selected' : ''}>${esc(t(`app.languageName.${l}`))}</option>`).join('')}</select></label>
            <label>${esc(t('contracts.rate'))} <input name="ratePerPeriod" size="7" inputmode="decimal" value="${esc(penalty?.ratePerPeriod ?? '')}" data-path="contractTerms.penalty.ratePerPeriod" /></label>
            <label>${esc(t('contracts.cap'))} <input name="capFraction" size="5" inputmode="decimal" value="${esc(penalty?.capFraction ?? '')}" data-path="contractTerms.penalty.capFraction" /></label>
          </div>
          ${penalty ? '' : `<p class="muted">${esc(t('drafts.noPenalty'))}</p>`}
          <label>${esc(t('drafts.zone'))} <input name="zone" value="${esc(draft.calendar.zone)}" data-path="calendar.zone" /></label>
          <label>${esc(t('drafts.calendar'))} <textarea name="calendar" rows="5" spellcheck="false" data-path="calendar">${esc(JSON.stringify({ ...draft.calendar, zone: undefined }, null, 1))}</textarea></label>
          <p>${status('calendar')}</p>
          <div class="table-wrap"><table><caption>${esc(t('drafts.targets'))}</caption>
            <thead><tr><th scope="col">${esc(t('drafts.severity'))}</th><th scope="col">${esc(t('policies.target'))}</th><th scope="col">${esc(t('drafts.value'))}</th><th scope="col">${esc(t('drafts.source'))}</th></tr></thead>
            <tbody>${targets.map(targetRow).join('')}</tbody></table></div>
          <button type="submit">${esc(t('drafts.create'))}</button>
        </form><div id="apply-error"></div><div id="applied" role="status"></div>
        <h3>${esc(t('drafts.gaps', { n: draft.gaps.length }))}</h3>
        <ul id="gaps">${draft.gaps
          .map(
            (g) =>
              `<li><span class="badge amber">${esc(t('drafts.review'))}</span> ${g.path ? `<strong>${esc(fieldName(g.path))}</strong> ` : ''}${esc(g.message)}</li>`,
          )
          .join('')}</ul>
      </section>
    </div>`;

  // The letter, with the sentences of the focused field marked.
  const paint = (spans) => {
    const { start, end } = letter.span;
    const marks = spans.map((s) => ({ start: Math.max(start, s.start), end: Math.min(end, s.end) })).sort((a, b) => a.start - b.start);
    let at = start;
    let html = '';
    for (const m of marks) {
      if (m.start < at) continue;
      html += `${esc(result.text.slice(at, m.start))}<mark>${esc(result.text.slice(m.start, m.end))}</mark>`;
      at = m.end;
    }
    html += esc(result.text.slice(at, end));
    $('#letter', box).innerHTML = html;
    $('#letter mark', box)?.scrollIntoView({ block: 'center', behavior: 'instant' });
  };
  paint([]);
  box.addEventListener('focusin', (e) => {
    const path = e.target.dataset?.path;
    if (!path) return;
    const ids = draft.fields[path]?.findings ?? [];
    paint(ids.map((id) => findings.get(id)?.source.sentence.span).filter(Boolean));
  });
  $('#letter-select', box)?.addEventListener('change', (e) => review(main, result, Number(e.target.value)));

  $('#apply-form', box).addEventListener('submit', async (e) => {
    e.preventDefault();
    const form = e.target;
    const v = (name) => form.elements[name].value.trim();
    const policy = structuredClone(draft.policy);
    for (const input of form.querySelectorAll('[data-k]')) {
      const [, severity, rung, slot] = TARGET_PATH.exec(input.dataset.path);
      const target = policy.severities[severity][rung][slot];
      target[input.dataset.k] = input.dataset.k === 'amount' ? Number(input.value) : input.value;
    }
    const errorBox = $('#apply-error', box);
    let calendar;
    try {
      calendar = { ...JSON.parse(v('calendar')), zone: v('zone') };
    } catch {
      return showError(errorBox, new Error(t('calendars.badJson')));
    }
    const body = {
      name: v('name'),
      calendar,
      policy,
      contract: {
        customer: v('customer'),
        totalValue: v('totalValue'),
        currency: v('currency'),
        penaltyTerms:
          v('ratePerPeriod') || v('capFraction')
            ? { ...(penalty ?? {}), ratePerPeriod: v('ratePerPeriod'), capFraction: v('capFraction') }
            : null,
        language: v('language'),
        ...(v('startsOn') ? { startsOn: v('startsOn') } : {}),
        ...(v('startsOn') && v('termMonths') ? { termMonths: Number(v('termMonths')) } : {}),
      },
    };
    try {
      const applied = await api('/drafts/apply', { method: 'POST', body });
      errorBox.innerHTML = '';
      $('#applied', box).innerHTML =
        `<p>${esc(t('drafts.created'))} <a id="created-contract" href="#/finance/penalties/${esc(applied.contract.id)}">${esc(applied.contract.name)}</a></p>`;
      $('#created-contract', box).focus();
    } catch (error) {
      showError(errorBox, error);
    }
  });
}
