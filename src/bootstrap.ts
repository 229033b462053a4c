import 'reflect-metadata';
import { INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { HttpErrorFilter } from './common/http-exception.filter';
import { createValidationPipe } from './common/validation';
import type { AppConfig } from './config/config';

export const API_PREFIX = 'api/v1';

/** Builds the HTTP app exactly as production runs it; tests call this too. */
export async function createApp(config: AppConfig, options: { logger?: false | Logger['log'][] } = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: options.logger === false ? false : [config.logLevel, 'error', 'warn'],
    bodyParser: false,
    abortOnError: false,
  });
  app.useBodyParser('json', { limit: '256kb' });
  app.disable('x-powered-by');
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health'] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpErrorFilter());
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Escalation orchestrator')
      .setDescription('SLA escalation ladder for service contracts: calendars, policies, contracts, incidents, penalty ledger.')
      .setVersion('1')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
