import { NativeConnection, Worker, WorkerOptions } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { createActivities, type ActivityDeps } from '../../activities';

export interface IncidentWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  dataSource: DataSource;
  /** A prebuilt bundle (tests, production images) or the workflows' source to bundle at start. */
  workflowBundlePath?: string;
  activityDeps?: Partial<ActivityDeps>;
  tuning?: Pick<WorkerOptions, 'maxCachedWorkflows' | 'maxConcurrentActivityTaskExecutions' | 'maxConcurrentWorkflowTaskExecutions'>;
}

/** The one place a worker is assembled, shared by the worker process, `npm start` and tests. */
export async function createIncidentWorker(options: IncidentWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    ...(options.workflowBundlePath
      ? { workflowBundle: { codePath: options.workflowBundlePath } }
      : { workflowsPath: require.resolve('../../workflows') }),
    activities: createActivities({ dataSource: options.dataSource, ...options.activityDeps }),
    ...options.tuning,
  });
}
