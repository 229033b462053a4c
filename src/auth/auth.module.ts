import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessGuard } from './auth.guard';
import { SessionController } from './session.controller';
import { BootstrapTokenService } from './bootstrap-token';
import { TokensController } from './tokens.controller';
import { TokensService } from './tokens.service';

/** API tokens, the global access guard (authentication, roles, write rate limit) and the first admin token. */
@Module({
  controllers: [TokensController, SessionController],
  providers: [TokensService, BootstrapTokenService, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [TokensService],
})
export class AuthModule {}
