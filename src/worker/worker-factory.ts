import { NativeConnection, Worker, WorkerOptions, type WorkerPlugin } from '@temporalio/worker';
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
  /** Tracing's plugin: its workflow interceptors must be bundled, so the worker bundles the workflows itself. */
  plugins?: WorkerPlugin[];
  tuning?: Pick<WorkerOptions, 'maxCachedWorkflows' | 'maxConcurrentActivityTaskExecutions' | 'maxConcurrentWorkflowTaskExecutions'>;
}

/** The one place a worker is assembled, shared by the worker process, `npm start` and tests. */
export async function createIncidentWorker(options: IncidentWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    plugins: options.plugins,
    ...(options.workflowBundlePath && !options.plugins?.length
      ? { workflowBundle: { codePath: options.workflowBundlePath } }
      : { workflowsPath: require.resolve('../../workflows') }),
    activities: createActivities({ dataSource: options.dataSource, ...options.activityDeps }),
    ...options.tuning,
  });
}
