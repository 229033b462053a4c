import { startTestApp, type TestApp } from '../harness/context';
import { createContract, eventually } from '../harness/fixtures';
import { report, step } from '../harness/incidents';

/** Operators find incidents with `temporal workflow list --query` on the product's search attributes. */
describe('search attributes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  async function listIds(query: string): Promise<string[]> {
    const ids: string[] = [];
    for await (const wf of t.client.workflow.list({ query })) ids.push(wf.workflowId);
    return ids;
  }

  it('keeps IncidentStatus, IncidentSeverity, IncidentRung and ContractId current', async () => {
    const { contractId } = await createContract(t.dataSource);
    const id = await report(t, contractId);
    const wf = `incident-${id}`;
    await eventually(async () =>
      (await listIds(`ContractId = '${contractId}' AND IncidentStatus = 'open' AND IncidentRung = 'triage'`)).includes(wf)
        ? true
        : undefined,
    );
    await step(t, id, 'acknowledge');
    await step(t, id, 'reclassify', { severity: 'general' });
    await eventually(async () =>
      (await listIds(`ContractId = '${contractId}' AND IncidentSeverity = 'general' AND IncidentRung = 'remote'`)).includes(wf)
        ? true
        : undefined,
    );
    await step(t, id, 'cancel', { reason: 'duplicate' });
    await eventually(async () =>
      (await listIds(`ContractId = '${contractId}' AND IncidentStatus = 'cancelled'`)).includes(wf) ? true : undefined,
    );
    expect(await listIds(`ContractId = '${contractId}' AND IncidentStatus = 'open'`)).toEqual([]);
  });
});
