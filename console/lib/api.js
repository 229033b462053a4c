// Talks to the API with the signed-in token. Errors are shown in the reader's language from the
// API's error code and field paths; the server's own (English) message is kept as the detail.
import { t } from './i18n.js';
import { label } from './labels.js';

const TOKEN_KEY = 'escalation.token';

export const session = {
  get token() {
    return sessionStorage.getItem(TOKEN_KEY);
  },
  set token(value) {
    if (value) sessionStorage.setItem(TOKEN_KEY, value);
    else sessionStorage.removeItem(TOKEN_KEY);
  },
  principal: null,
  has(...roles) {
    return !!this.principal && roles.some((r) => this.principal.roles.includes(r));
  },
};

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message || `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

export async function api(path, { method = 'GET', body, raw = false } = {}) {
  const headers = { authorization: `Bearer ${session.token}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (raw && res.ok) return res;
  const text = await res.text();
  let data;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = { message: text.slice(0, 200) };
  }
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

const KNOWN_CODES = [
  'validation_failed',
  'bad_request',
  'not_found',
  'conflict',
  'step_refused',
  'report_not_ready',
  'unauthorized',
  'forbidden',
  'rate_limited',
  'payload_too_large',
  'service_unavailable',
  'internal_error',
];

const listOf = (items) => new Intl.ListFormat(document.documentElement.lang || 'en', { type: 'disjunction' }).format(items);

/** The label of a field path's first segment ("penaltyTerms.ratePerPeriod" → 违约金条款), or the path itself. */
export const fieldLabel = (path) => t(`field.${String(path).split(/[.[]/)[0]}`, { defaultValue: path });

/**
 * An error as the reader should see it: `message` (their language), `fields` (one line per bad
 * field, naming it) and `detail` (what the server said, in English, for support).
 */
export function describeError(error) {
  if (!(error instanceof ApiError)) {
    // fetch() rejects with a TypeError when the server cannot be reached; any other error is shown as it is.
    const network = error instanceof TypeError && /fetch|network|load failed/i.test(error.message);
    return { message: network ? t('error.network') : String(error?.message || error), fields: [], detail: network ? error.message : '' };
  }
  const body = error.body || {};
  const code = KNOWN_CODES.includes(body.error) ? body.error : 'unknown';
  const message = t(`error.code.${code}`, {
    status: error.status,
    step: body.step ? label('step', body.step) : '',
    roles: listOf((body.requiredRoles || []).map((r) => label('role', r))),
  });
  const fields = (body.fieldErrors || []).map((f) => ({
    path: f.path,
    text: t('error.field', { field: fieldLabel(f.path), path: f.path }),
  }));
  const detail = (body.fieldErrors || []).length ? body.fieldErrors.map((f) => `${f.path}: ${f.message}`).join('\n') : body.message || '';
  return { message, fields, detail };
}
