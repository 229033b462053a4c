import { api, ApiError, session } from './lib/api.js';
import { $, clearTimers, liveness, render, showError } from './lib/dom.js';
import { esc } from './lib/format.js';
import { initI18n, language, LANGUAGES, setLanguage, t } from './lib/i18n.js';
import { label } from './lib/labels.js';
import { calendarsView, contractsView, policiesView, tokensView } from './views/admin.js';
import { boardView } from './views/board.js';
import { draftsView } from './views/drafts.js';
import { ledgerView, penaltiesView } from './views/finance.js';
import { faultReportView, incidentView } from './views/incident.js';
import { simulationView } from './views/simulation.js';

const READERS = ['admin', 'engineer', 'finance', 'viewer'];

/** Routes: hash path → view, and the roles that see it in the navigation (nav: its label's key). */
const ROUTES = [
  { path: /^#\/$/, nav: 'nav.incidents', href: '#/', roles: READERS, view: () => boardView() },
  { path: /^#\/incidents\/([\w-]+)\/report$/, roles: READERS, view: (m) => faultReportView(m[1]) },
  { path: /^#\/incidents\/([\w-]+)$/, roles: READERS, view: (m) => incidentView(m[1]) },
  { path: /^#\/finance\/ledger$/, nav: 'nav.ledger', href: '#/finance/ledger', roles: ['finance', 'admin'], view: () => ledgerView() },
  {
    path: /^#\/finance\/penalties(?:\/([\w-]+))?$/,
    nav: 'nav.penalties',
    href: '#/finance/penalties',
    roles: ['finance', 'admin'],
    view: (m) => penaltiesView(m[1]),
  },
  {
    path: /^#\/finance\/simulation$/,
    nav: 'nav.simulation',
    href: '#/finance/simulation',
    roles: ['finance', 'admin'],
    view: () => simulationView(),
  },
  { path: /^#\/admin\/calendars$/, nav: 'nav.calendars', href: '#/admin/calendars', roles: ['admin'], view: () => calendarsView() },
  { path: /^#\/admin\/policies$/, nav: 'nav.policies', href: '#/admin/policies', roles: ['admin'], view: () => policiesView() },
  { path: /^#\/admin\/contracts$/, nav: 'nav.contracts', href: '#/admin/contracts', roles: ['admin'], view: () => contractsView() },
  { path: /^#\/admin\/drafts$/, nav: 'nav.drafts', href: '#/admin/drafts', roles: ['admin'], view: () => draftsView() },
  { path: /^#\/admin\/tokens$/, nav: 'nav.tokens', href: '#/admin/tokens', roles: ['admin'], view: () => tokensView() },
];

function signInView(messageKey) {
  $('#nav').innerHTML = '';
  $('#nav').removeAttribute('aria-label');
  $('#who').innerHTML = '';
  const main = render(`<h1>${esc(t('signIn.title'))}</h1>
    <form id="signin" class="panel inline" autocomplete="off">
      <label style="flex:1 1 26rem">${esc(t('signIn.token'))} <input id="token" name="token" type="password" required autocomplete="off" /></label>
      <button type="submit">${esc(t('signIn.submit'))}</button>
    </form><div id="signin-error"></div>
    <p class="muted">${esc(t('signIn.hint'))}</p>`);
  if (messageKey) showError($('#signin-error', main), new Error(t(messageKey)));
  $('#signin', main).addEventListener('submit', async (e) => {
    e.preventDefault();
    session.token = $('#token', main).value.trim();
    await start();
  });
  $('#token', main).focus();
}

function paintChrome(current) {
  const p = session.principal;
  $('#nav').setAttribute('aria-label', t('nav.label'));
  $('#nav').innerHTML = ROUTES.filter((r) => r.nav && session.has(...r.roles))
    .map((r) => `<a href="${r.href}" ${r === current ? 'aria-current="page"' : ''}>${esc(t(r.nav))}</a>`)
    .join('');
  $('#who').innerHTML =
    `${esc(p.name)} <span class="roles">(${esc(p.roles.map((r) => label('role', r)).join(t('app.listSeparator')))})</span> <button type="button" class="secondary" id="signout">${esc(t('signIn.signOut'))}</button>`;
  $('#signout').addEventListener('click', () => {
    session.token = null;
    session.principal = null;
    signInView();
  });
}

/** The language picker in the header: each language named in itself. */
function paintLanguagePicker() {
  $('#brand').textContent = t('app.title');
  $('#lang-label').textContent = t('app.language');
  $('#lang').innerHTML = LANGUAGES.map(
    (lng) => `<option value="${lng}" lang="${lng}" ${lng === language() ? 'selected' : ''}>${esc(t(`app.languageName.${lng}`))}</option>`,
  ).join('');
}

async function route() {
  clearTimers();
  const hash = location.hash || '#/';
  const match = ROUTES.map((r) => [r, r.path.exec(hash)]).find(([, m]) => m);
  if (!match) return render(`<h1>${esc(t('app.notFound'))}</h1>`);
  const [r, m] = match;
  paintChrome(r);
  if (!session.has(...r.roles)) {
    return render(
      `<h1>${esc(t('app.notForRole'))}</h1><p>${esc(t('app.needsRole', { roles: r.roles.map((x) => label('role', x)).join(t('app.listSeparator')) }))}</p>`,
    );
  }
  const alive = liveness();
  try {
    await r.view(m);
  } catch (error) {
    if (!alive()) return; // the reader has moved on: an error of the view they left is not theirs
    if (error instanceof ApiError && error.status === 401) return signInView('signIn.expired');
    showError($('#main'), error);
  } finally {
    $('#main').removeAttribute('aria-busy');
  }
}

async function start() {
  if (!session.token) return signInView();
  try {
    session.principal = await api('/session');
  } catch (error) {
    session.token = null;
    if (error instanceof ApiError && error.status === 401) return signInView('signIn.invalid');
    signInView();
    return showError($('#signin-error'), error);
  }
  await route();
}

async function boot() {
  await initI18n();
  paintLanguagePicker();
  $('#lang').addEventListener('change', async (e) => {
    await setLanguage(e.target.value);
    paintLanguagePicker();
    if (session.principal) await route();
    else signInView();
    $('#lang').focus();
  });
  window.addEventListener('hashchange', () => {
    if (session.principal) void route();
  });
  await start();
}

void boot();
