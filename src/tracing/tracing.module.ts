import { Module, type OnApplicationShutdown } from '@nestjs/common';
import { stopTracing } from './tracing';

/** Flushes the API's buffered spans when the app closes (SIGTERM included, through Nest's shutdown hooks). */
@Module({})
export class TracingModule implements OnApplicationShutdown {
  async onApplicationShutdown(): Promise<void> {
    await stopTracing();
  }
}
