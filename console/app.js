import { api, ApiError, session } from './lib/api.js';
import { $, clearTimers, render, showError } from './lib/dom.js';
import { esc } from './lib/format.js';
import { calendarsView, contractsView, policiesView, tokensView } from './views/admin.js';
import { boardView } from './views/board.js';
import { ledgerView, penaltiesView } from './views/finance.js';
import { faultReportView, incidentView } from './views/incident.js';

const READERS = ['admin', 'engineer', 'finance', 'viewer'];

/** Routes: hash path → view, and the roles that see it in the navigation. */
const ROUTES = [
  { path: /^#\/$/, nav: 'Incidents', href: '#/', roles: READERS, view: () => boardView() },
  { path: /^#\/incidents\/([\w-]+)\/report$/, roles: READERS, view: (m) => faultReportView(m[1]) },
  { path: /^#\/incidents\/([\w-]+)$/, roles: READERS, view: (m) => incidentView(m[1]) },
  { path: /^#\/finance\/ledger$/, nav: 'Ledger', href: '#/finance/ledger', roles: ['finance', 'admin'], view: () => ledgerView() },
  {
    path: /^#\/finance\/penalties(?:\/([\w-]+))?$/,
    nav: 'Penalties',
    href: '#/finance/penalties',
    roles: ['finance', 'admin'],
    view: (m) => penaltiesView(m[1]),
  },
  { path: /^#\/admin\/calendars$/, nav: 'Calendars', href: '#/admin/calendars', roles: ['admin'], view: () => calendarsView() },
  { path: /^#\/admin\/policies$/, nav: 'Policies', href: '#/admin/policies', roles: ['admin'], view: () => policiesView() },
  { path: /^#\/admin\/contracts$/, nav: 'Contracts', href: '#/admin/contracts', roles: ['admin'], view: () => contractsView() },
  { path: /^#\/admin\/tokens$/, nav: 'Tokens', href: '#/admin/tokens', roles: ['admin'], view: () => tokensView() },
];

function signInView(message) {
  $('#nav').innerHTML = '';
  $('#who').innerHTML = '';
  const main = render(`<h1>Sign in</h1>
    <form id="signin" class="panel inline" autocomplete="off">
      <label style="flex:1 1 26rem">API token <input id="token" name="token" type="password" required /></label>
      <button type="submit">Sign in</button>
    </form><div id="signin-error"></div>
    <p class="muted">Ask an admin for a token. It stays in this browser tab only.</p>`);
  if (message) showError($('#signin-error', main), new Error(message));
  $('#signin', main).addEventListener('submit', async (e) => {
    e.preventDefault();
    session.token = $('#token', main).value.trim();
    await start();
  });
  $('#token', main).focus();
}

function paintChrome(current) {
  const p = session.principal;
  $('#nav').innerHTML = ROUTES.filter((r) => r.nav && session.has(...r.roles))
    .map((r) => `<a href="${r.href}" ${r === current ? 'aria-current="page"' : ''}>${r.nav}</a>`)
    .join('');
  $('#who').innerHTML =
    `${esc(p.name)} <span class="muted" style="color:#cfd8e3">(${esc(p.roles.join(', '))})</span> <button type="button" class="secondary" id="signout">Sign out</button>`;
  $('#signout').addEventListener('click', () => {
    session.token = null;
    session.principal = null;
    signInView();
  });
}

async function route() {
  clearTimers();
  const hash = location.hash || '#/';
  const match = ROUTES.map((r) => [r, r.path.exec(hash)]).find(([, m]) => m);
  if (!match) return render('<h1>Not found</h1>');
  const [r, m] = match;
  paintChrome(r);
  if (!session.has(...r.roles)) return render(`<h1>Not for your role</h1><p>This view needs one of: ${esc(r.roles.join(', '))}.</p>`);
  try {
    await r.view(m);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return signInView('Your token is no longer valid.');
    showError($('#main'), error);
  }
}

async function start() {
  if (!session.token) return signInView();
  try {
    session.principal = await api('/session');
  } catch (error) {
    session.token = null;
    return signInView(error instanceof ApiError && error.status === 401 ? 'That token is not valid.' : String(error.message));
  }
  await route();
}

window.addEventListener('hashchange', () => {
  if (session.principal) void route();
});
void start();
