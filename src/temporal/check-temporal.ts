import { Connection } from '@temporalio/client';

/** Fails fast, in one line naming the address, when the Temporal frontend does not answer. */
export async function checkTemporal(address: string, namespace: string): Promise<void> {
  let connection: Connection | undefined;
  try {
    connection = await Connection.connect({ address, connectTimeout: '5s' });
    await connection.workflowService.describeNamespace({ namespace });
  } catch (error) {
    throw new Error(
      `Cannot reach Temporal namespace ${namespace} at TEMPORAL_ADDRESS=${address}: ${(error as Error).message.split('\n')[0]}`,
      { cause: error },
    );
  } finally {
    await connection?.close();
  }
}
