// Talks to the API with the signed-in token; errors carry the API's message and field errors.
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
  const data = text ? JSON.parse(text) : null;
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

/** Renders an API error (with its field paths) as readable text. */
export function errorText(error) {
  if (!(error instanceof ApiError)) return String(error.message || error);
  const fields = (error.body?.fieldErrors || []).map((f) => `${f.path}: ${f.message}`);
  return fields.length ? fields.join('\n') : error.message;
}
