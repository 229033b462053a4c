import { Connection } from '@temporalio/client';
import { describeConnection, type TemporalConnectionSettings } from '../config/temporal-connection';

/** Fails fast, in one line naming the address, when the Temporal frontend does not answer. */
export async function checkTemporal(address: string, namespace: string, settings?: TemporalConnectionSettings): Promise<void> {
  let connection: Connection | undefined;
  try {
    connection = await Connection.connect({ address, connectTimeout: '5s', ...settings });
    await connection.workflowService.describeNamespace({ namespace });
  } catch (error) {
    throw new Error(
      `Cannot reach Temporal namespace ${namespace} at TEMPORAL_ADDRESS=${address} (${describeConnection(settings)}): ${(error as Error).message.split('\n')[0]}`,
      { cause: error },
    );
  } finally {
    await connection?.close();
  }
}
