import { Controller, Get, HttpCode, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Client } from '@temporalio/client';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module';
import { Public } from '../auth/public.decorator';
import type { AppConfig } from '../config/config';
import { TEMPORAL_CLIENT } from '../temporal/temporal.module';
import { ComponentHealth, probe } from './probe';
import { checkWorkerPolling } from './worker-pollers';

/** Each readiness check answers within this bound, whatever the dependency does. */
export const READY_PROBE_TIMEOUT_MS = 2000;

export class HealthReport {
  @ApiProperty({ enum: ['ok', 'degraded'] }) status: 'ok' | 'degraded';
  @ApiProperty() postgres: ComponentHealth;
  @ApiProperty() temporal: ComponentHealth;
}

export class ReadinessReport extends HealthReport {
  @ApiProperty({ description: 'At least one worker polls the task queue (workflow and activity tasks), recently' })
  worker: ComponentHealth;
  @ApiProperty({ type: [String], description: 'The parts that are not ready: postgres, temporal, worker' }) notReady: string[];
}

export class LivenessReport {
  @ApiProperty({ enum: ['ok'] }) status: 'ok';
  @ApiProperty() uptimeSeconds: number;
}

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private dependencies(timeoutMs: number): Promise<[ComponentHealth, ComponentHealth]> {
    return Promise.all([
      probe(() => this.dataSource.query('SELECT 1'), timeoutMs),
      probe(() => this.temporal.workflowService.describeNamespace({ namespace: this.config.temporalNamespace }), timeoutMs),
    ]);
  }

  @Get()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Aggregate health: PostgreSQL and Temporal' })
  @ApiOkResponse({ type: HealthReport, description: 'PostgreSQL and Temporal both answer' })
  @ApiServiceUnavailableResponse({ type: HealthReport, description: 'At least one of them is down (named in the body)' })
  async check(@Res({ passthrough: true }) res: Response): Promise<HealthReport> {
    const [postgres, temporal] = await this.dependencies(3000);
    const ok = postgres.status === 'up' && temporal.status === 'up';
    if (!ok) res.status(HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ok ? 'ok' : 'degraded', postgres, temporal };
  }

  /** Liveness: the process runs and its event loop turns; it checks no dependency, so a restart never follows an outage elsewhere. */
  @Get('live')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Liveness: the API process is up' })
  @ApiOkResponse({ type: LivenessReport })
  live(): LivenessReport {
    return { status: 'ok', uptimeSeconds: Math.round(process.uptime()) };
  }

  /** Readiness: the API can do its work: PostgreSQL and Temporal answer and a worker polls the task queue. */
  @Get('ready')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Readiness: PostgreSQL, Temporal and a worker polling the task queue, each checked within 2 s' })
  @ApiOkResponse({ type: ReadinessReport, description: 'Ready to serve' })
  @ApiServiceUnavailableResponse({ type: ReadinessReport, description: 'Not ready: the parts that are not are listed in notReady' })
  async ready(@Res({ passthrough: true }) res: Response): Promise<ReadinessReport> {
    const [[postgres, temporal], worker] = await Promise.all([
      this.dependencies(READY_PROBE_TIMEOUT_MS),
      probe(
        () => checkWorkerPolling(this.temporal.workflowService, this.config.temporalNamespace, this.config.taskQueue),
        READY_PROBE_TIMEOUT_MS,
      ),
    ]);
    const notReady = Object.entries({ postgres, temporal, worker })
      .filter(([, h]) => h.status === 'down')
      .map(([name]) => name);
    if (notReady.length > 0) res.status(HttpStatus.SERVICE_UNAVAILABLE);
    return { status: notReady.length === 0 ? 'ok' : 'degraded', postgres, temporal, worker, notReady };
  }
}
