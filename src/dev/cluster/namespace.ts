import { Connection, type ConnectionOptions } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes';
import { SEARCH_ATTRIBUTE_KEYS } from '../../../workflows/incident/definitions';

/** gRPC ALREADY_EXISTS: a second registration of the same namespace. */
const ALREADY_EXISTS = 6;

/**
 * Registers the namespace (if missing) and the workflows' search attributes (those missing), the
 * job deploy/temporal/setup-namespace.sh does for docker-compose.yml. Idempotent.
 */
export async function ensureNamespace(options: {
  address: string;
  namespace: string;
  retentionDays: number;
  log: (line: string) => void;
  /** TLS (mTLS) and the like, for a frontend that demands it. */
  connection?: Omit<ConnectionOptions, 'address'>;
}): Promise<void> {
  const { namespace, log } = options;
  const connection = await Connection.connect({ ...options.connection, address: options.address });
  try {
    try {
      await connection.workflowService.registerNamespace({
        namespace,
        workflowExecutionRetentionPeriod: msToTs(`${options.retentionDays} days`),
      });
      log(`namespace ${namespace} registered (retention ${options.retentionDays} days)`);
    } catch (error) {
      if ((error as { code?: number }).code !== ALREADY_EXISTS) throw error;
    }
    // A new namespace is read through on first use; retry while the frontend does not see it yet.
    const listed = await retry(() => connection.operatorService.listSearchAttributes({ namespace }), 30);
    const missing = SEARCH_ATTRIBUTE_KEYS.filter((k) => !(k.name in (listed.customAttributes ?? {})));
    if (missing.length === 0) return;
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(missing.map((k) => [k.name, encodeSearchAttributeIndexedValueType(k.type)!])),
    });
    // Every service reads the new aliases on its next namespace refresh (2 s by default in 1.29):
    // wait two of them, so a workflow started right after this does not meet "unknown search attribute".
    await new Promise((r) => setTimeout(r, 4_000));
    log(`search attributes ${missing.map((k) => k.name).join(', ')} added to ${namespace}`);
  } finally {
    await connection.close();
  }
}

async function retry<T>(fn: () => Promise<T>, attempts: number): Promise<T> {
  for (let i = 1; ; i += 1) {
    try {
      return await fn();
    } catch (error) {
      if (i >= attempts) throw error;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}
