/**
 * Server-side texts for people (fault reports, notifications) in a given language, from the one
 * server catalogue (./locales). The `domain` namespace is also served to the console, so a rung or a
 * target reads the same in a report, a notification and on screen.
 */
import i18next from 'i18next';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';
import type { Language } from './languages';

export const SERVER_CATALOGUES: Record<Language, Record<string, Record<string, unknown>>> = { en, 'zh-CN': zhCN };

/** t(key, values): `key` is namespaced (`domain:rung.triage`, `report:title`). */
export type Translate = (key: string, values?: Record<string, unknown>) => string;

const cache = new Map<Language, Translate>();

export function translator(lng: Language): Translate {
  let t = cache.get(lng);
  if (!t) {
    const instance = i18next.createInstance();
    void instance.init({
      lng,
      fallbackLng: false,
      resources: SERVER_CATALOGUES,
      ns: Object.keys(SERVER_CATALOGUES.en),
      defaultNS: 'domain',
      // Plain text and Markdown, never HTML: nothing to escape here (Markdown cells are escaped by the renderer).
      interpolation: { escapeValue: false },
      initAsync: false,
    });
    const fixed = instance.getFixedT(lng);
    t = (key, values) => String(fixed(key, values ?? {}));
    cache.set(lng, t);
  }
  return t;
}
