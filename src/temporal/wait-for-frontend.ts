import { Connection } from '@temporalio/client';

/** Polls the frontend until it answers; fails early with `exited()`'s reason once the process is gone. */
export async function waitForFrontend(address: string, exited: () => string | undefined, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    const gone = exited();
    if (gone) throw new Error(`the Temporal server exited (${gone}) before ${address} answered`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: '1s' });
      await connection.workflowService.getSystemInfo({});
      await connection.close();
      return;
    } catch (error) {
      lastError = (error as Error).message;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`Temporal did not answer on ${address} within ${timeoutMs} ms: ${lastError}`);
}
