// The console's language layer: i18next (served from node_modules, no bundler) with two namespaces,
// `ui` (console/locales/<lng>/ui.json) and `domain` (the server's catalogue of rung, target, step and
// status labels, served at /console/locales/<lng>/domain.json so screen and documents agree).
import i18next from '/console/vendor/i18next.js';

export const LANGUAGES = ['zh-CN', 'en'];
const NAMESPACES = ['ui', 'domain'];
const STORAGE_KEY = 'escalation.language';

/** The user's choice if they made one, else the browser's: any Chinese → zh-CN, anything else → en. */
export function preferredLanguage() {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (LANGUAGES.includes(stored)) return stored;
  for (const tag of navigator.languages?.length ? navigator.languages : [navigator.language]) {
    if (/^zh\b/i.test(tag)) return 'zh-CN';
    if (/^en\b/i.test(tag)) return 'en';
  }
  return 'en';
}

async function load(lng, ns) {
  const res = await fetch(`/console/locales/${lng}/${ns}.json`);
  if (!res.ok) throw new Error(`catalogue ${lng}/${ns}: HTTP ${res.status}`);
  return res.json();
}

export async function initI18n() {
  const resources = {};
  await Promise.all(
    LANGUAGES.flatMap((lng) =>
      NAMESPACES.map(async (ns) => {
        resources[lng] ??= {};
        resources[lng][ns] = await load(lng, ns);
      }),
    ),
  );
  await i18next.init({
    lng: preferredLanguage(),
    fallbackLng: false,
    resources,
    ns: NAMESPACES,
    defaultNS: 'ui',
    // Every text goes into the page through esc() (lib/format.js): escaping here too would double it.
    interpolation: { escapeValue: false },
  });
  applyDocumentLanguage();
}

/** t('board.title'), t('domain:rung.triage'), t('ledger.totals.detail', { count, … }) */
export const t = (key, values) => i18next.t(key, values);

export const language = () => i18next.language;

export async function setLanguage(lng) {
  if (!LANGUAGES.includes(lng)) return;
  localStorage.setItem(STORAGE_KEY, lng);
  await i18next.changeLanguage(lng);
  applyDocumentLanguage();
}

function applyDocumentLanguage() {
  document.documentElement.lang = i18next.language;
  document.title = t('app.title');
}
