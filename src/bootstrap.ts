import 'reflect-metadata';
import { INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import { AppModule } from './app.module';
import { BEARER_AUTH } from './auth/roles.decorator';
import { HttpErrorFilter } from './common/http-exception.filter';
import { securityHeaders } from './common/security-headers';
import { createValidationPipe } from './common/validation';
import { mountConsole } from './console/mount-console';
import { ApiMetrics } from './metrics/api-metrics';
import { httpMetrics } from './metrics/http-metrics';
import type { AppConfig } from './config/config';

export const API_PREFIX = 'api/v1';
export const DOCS_PATH = 'docs';

/** Builds the HTTP app exactly as production runs it; tests call this too. */
export async function createApp(config: AppConfig, options: { logger?: false | Logger['log'][] } = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: options.logger === false ? false : [config.logLevel, 'error', 'warn'],
    bodyParser: false,
    abortOnError: false,
  });
  app.disable('x-powered-by');
  // First, so the latency it measures is the whole request's.
  app.use(httpMetrics(app.get(ApiMetrics)));
  app.use(securityHeaders(API_PREFIX));
  // CORS stays off (no Access-Control-* headers, preflights unanswered) unless origins are configured.
  if (config.corsOrigins?.length) {
    app.enableCors({
      origin: config.corsOrigins.includes('*') ? '*' : config.corsOrigins,
      methods: ['GET', 'POST', 'PUT', 'DELETE'],
      allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key'],
      exposedHeaders: ['Retry-After', 'Content-Disposition', 'WWW-Authenticate'],
      credentials: false,
      maxAge: 600,
    });
  }
  app.useBodyParser('json', { limit: '256kb' });
  mountConsole(app);
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health', 'health/live', 'health/ready', 'metrics'] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpErrorFilter());
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Escalation orchestrator')
      .setDescription('SLA escalation ladder for service contracts: calendars, policies, contracts, incidents, penalty ledger.')
      .setVersion('1')
      .addBearerAuth(
        {
          type: 'http',
          scheme: 'bearer',
          description: 'An API token (eo_…): Authorization: Bearer <token>. Each operation lists the roles it accepts in x-roles.',
        },
        BEARER_AUTH,
      )
      .build(),
  );
  SwaggerModule.setup(DOCS_PATH, app, cleanupOpenApiDoc(document), { jsonDocumentUrl: `${DOCS_PATH}-json` });
  return app;
}
