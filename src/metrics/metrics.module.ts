import { Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApiMetrics } from './api-metrics';
import { MetricsController } from './metrics.controller';

@Global()
@Module({
  providers: [{ provide: ApiMetrics, inject: [DataSource], useFactory: (dataSource: DataSource) => new ApiMetrics(dataSource) }],
  controllers: [MetricsController],
  exports: [ApiMetrics],
})
export class MetricsModule {}
