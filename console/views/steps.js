// The engineer's steps come from the API's catalogue (GET /api/v1/catalogue): each step's route and
// the fields of its body, read from the body's JSON Schema. Labels: domain:step.<name> for the step,
// ui stepField.<field or x-label> for its fields, domain:<x-labels>.<value> for choices.
import { api } from '../lib/api.js';

const SHARED = new Set(['actor', 'note']);

/** A form field from one property of a step's body schema. */
function fieldOf(name, schema, required) {
  return {
    name,
    label: schema['x-label'],
    options: schema['x-options'] ?? schema.enum,
    labels: schema['x-labels'],
    list: schema.type === 'array',
    optional: !required.includes(name),
  };
}

let catalogue;

/** name → { path, fields }, loaded once per page. */
export async function loadSteps() {
  catalogue ??= api('/catalogue').then((c) =>
    Object.fromEntries(
      c.steps.map((s) => [
        s.name,
        {
          path: s.route,
          // A step whose note is the point of it (progress-update) requires one.
          noteRequired: (s.body.required ?? []).includes('note'),
          fields: Object.entries(s.body.properties ?? {})
            .filter(([name]) => !SHARED.has(name))
            .map(([name, schema]) => fieldOf(name, schema, s.body.required ?? [])),
        },
      ]),
    ),
  );
  return catalogue;
}
