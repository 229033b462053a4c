import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { buildDataSourceOptions } from './database/data-source-options';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { HealthModule } from './health/health.module';
import { MetricsModule } from './metrics/metrics.module';
import { TracingModule } from './tracing/tracing.module';
import { TemporalModule } from './temporal/temporal.module';
import { featureModules } from './feature-modules';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRoot({
          ...buildDataSourceOptions(config.databaseUrl, config.databasePoolSize),
          autoLoadEntities: true,
          retryAttempts: 0,
        }),
        TemporalModule,
        AuditModule,
        AuthModule,
        HealthModule,
        MetricsModule,
        TracingModule,
        ...featureModules(),
      ],
    };
  }
}
