import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from '@temporalio/worker';

/**
 * Histories of real runs, recorded by the workflow tests (RECORD_HISTORIES=1), replayed against
 * today's workflow code: a change that would break incidents already running fails here.
 */
describe('replay of recorded incident histories', () => {
  const dir = join(__dirname, 'histories');
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

  it('keeps every history ever committed, byte for byte (MANIFEST.sha256; new ones are added, none re-recorded)', () => {
    const manifest = readFileSync(join(dir, 'MANIFEST.sha256'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => line.split(/\s+/) as [string, string]);
    const listed = manifest.map(([, file]) => file).sort();
    expect(files.slice().sort()).toEqual(listed);
    for (const [hash, file] of manifest) {
      expect([
        file,
        createHash('sha256')
          .update(readFileSync(join(dir, file)))
          .digest('hex'),
      ]).toEqual([file, hash]);
    }
  });

  it('has histories of every kind of run to replay', () => {
    expect(files.length).toBeGreaterThanOrEqual(8);
    expect(files).toEqual(
      expect.arrayContaining(['happy-path-closed.json', 'worker-killed-mid-accrual.json', 'continued-as-new-run.json']),
    );
  });

  it('replays every recorded history without nondeterminism', async () => {
    const histories = files.map((file) => ({
      workflowId: file.replace(/\.json$/, ''),
      // Proto JSON as `temporal workflow show --output json` prints it; the SDK decodes it.
      history: JSON.parse(readFileSync(join(dir, file), 'utf8')) as unknown,
    }));
    const results: Array<{ workflowId: string; error: string | null }> = [];
    for await (const r of Worker.runReplayHistories({ workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE! } }, histories)) {
      results.push({ workflowId: r.workflowId, error: r.error ? r.error.message : null });
    }
    expect(results.map((r) => r.workflowId).sort()).toEqual(histories.map((h) => h.workflowId).sort());
    expect(results.filter((r) => r.error)).toEqual([]);
  });
});
