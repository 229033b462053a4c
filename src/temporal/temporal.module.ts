import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { tracingPlugins } from '../tracing/tracing';

export const TEMPORAL_CLIENT = Symbol('TEMPORAL_CLIENT');

@Global()
@Module({
  providers: [
    {
      provide: TEMPORAL_CLIENT,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig): Promise<Client> => {
        const connection = await Connection.connect({
          address: config.temporalAddress,
          connectTimeout: '5s',
          ...config.temporalConnection,
        }).catch((error: Error) => {
          throw new Error(`Cannot connect to Temporal at TEMPORAL_ADDRESS=${config.temporalAddress}: ${error.message}`);
        });
        return new Client({ connection, namespace: config.temporalNamespace, plugins: tracingPlugins() });
      },
    },
  ],
  exports: [TEMPORAL_CLIENT],
})
export class TemporalModule implements OnApplicationShutdown {
  constructor(@Inject(TEMPORAL_CLIENT) private readonly client: Client) {}

  async onApplicationShutdown(): Promise<void> {
    await this.client.connection.close();
  }
}
