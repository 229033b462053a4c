import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SEARCH_ATTRIBUTE_KEYS } from '../../../workflows/incident/definitions';

describe('deploy/temporal/setup-namespace.sh (docker-compose.yml)', () => {
  it('registers exactly the search attributes the workflows use, as the cluster profile does', () => {
    const script = readFileSync(join(__dirname, '..', '..', '..', 'deploy', 'temporal', 'setup-namespace.sh'), 'utf8');
    const listed = /^attributes="([^"]*)"/m.exec(script)?.[1].split(/\s+/).filter(Boolean) ?? [];
    expect([...listed].sort()).toEqual(SEARCH_ATTRIBUTE_KEYS.map((k) => k.name).sort());
    expect(SEARCH_ATTRIBUTE_KEYS.every((k) => k.type === 'KEYWORD')).toBe(true);
  });
});
