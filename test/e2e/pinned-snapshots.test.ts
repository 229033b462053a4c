/**
 * Pinned snapshots: a new incident pins its terms at the report; an incident that predates the
 * PinnedSnapshots migration (provisional pin from the contract as it is now) gets the exact terms
 * back from its workflow's start input.
 */
import { PinnedSnapshotBackfill } from '../../src/incidents/pinned-snapshot-backfill';
import { startTestApp, type TestApp } from '../harness/context';
import { createContract } from '../harness/fixtures';
import { report } from '../harness/incidents';

describe('pinned snapshots', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  const pinOf = async (id: string) =>
    (await t.dataSource.query(`SELECT pinned, pinned_source FROM incidents WHERE id = $1`, [id]))[0] as {
      pinned: { contract: { penalty: { ratePerPeriod: string } }; policy: { version: number } };
      pinned_source: string;
    };

  it('pins the terms at the report; the backfill replaces a provisional pin with the workflow input', async () => {
    const { contractId } = await createContract(t.dataSource, { terms: { ratePerPeriod: '0.0025' } });
    const id = await report(t, contractId);
    const atReport = await pinOf(id);
    expect(atReport).toMatchObject({ pinned_source: 'report', pinned: { contract: { penalty: { ratePerPeriod: '0.0025' } } } });

    // As the migration leaves an incident that existed before it: the contract's terms as they are now.
    const admin = await t.as(['admin']);
    expect(
      (await admin.put(`/api/v1/contracts/${contractId}`).send({ penaltyTerms: { ratePerPeriod: '0.01', capFraction: '0.05' } })).status,
    ).toBe(200);
    const provisional = {
      ...atReport.pinned,
      contract: { ...atReport.pinned.contract, penalty: { ratePerPeriod: '0.01', capFraction: '0.05' } },
    };
    await t.dataSource.query(`UPDATE incidents SET pinned = $2::jsonb, pinned_source = 'reconstructed' WHERE id = $1`, [
      id,
      JSON.stringify(provisional),
    ]);

    const result = await t.app.get(PinnedSnapshotBackfill).run();
    expect(result.replaced).toBeGreaterThanOrEqual(1);
    expect(await pinOf(id)).toEqual({ pinned_source: 'workflow-input', pinned: atReport.pinned });
    // Idempotent: nothing left to replace.
    expect((await t.app.get(PinnedSnapshotBackfill).run()).replaced).toBe(0);
  });
});
