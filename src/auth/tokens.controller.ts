import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { Page, PageOf } from '../admin/pagination';
import { ACCESS } from './access-matrix';
import { CreatedTokenResponse, CreateTokenDto, ListTokensQuery, TokenResponse } from './dto/token.dto';
import type { Principal } from './principal';
import { CurrentPrincipal } from './principal.decorator';
import { Roles } from './roles.decorator';
import { TokensService } from './tokens.service';

const ID = { name: 'id', format: 'uuid', description: 'Token id' };

@ApiTags('admin: tokens')
@ApiBadRequestResponse({ description: 'Invalid input: fieldErrors name each field path and the reason' })
@Controller('tokens')
export class TokensController {
  constructor(private readonly tokens: TokensService) {}

  @Post()
  @Roles(...ACCESS.admin)
  @ApiOperation({
    summary: 'Create an API token (the secret is in this response only)',
    description:
      'The server stores only the SHA-256 hash of the secret: keep it now, it cannot be shown again. The name is the actor recorded for everything done with the token.',
  })
  @ApiCreatedResponse({ type: CreatedTokenResponse })
  @ApiConflictResponse({ description: 'A token with this name exists' })
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateTokenDto): Promise<CreatedTokenResponse> {
    return this.tokens.create(principal, dto);
  }

  @Get()
  @Roles(...ACCESS.admin)
  @ApiOperation({ summary: 'List API tokens (never their secrets), oldest first' })
  @ApiOkResponse({ type: PageOf(TokenResponse) })
  list(@Query() query: ListTokensQuery): Promise<Page<TokenResponse>> {
    return this.tokens.list(query);
  }

  @Get(':id')
  @Roles(...ACCESS.admin)
  @ApiOperation({ summary: 'Read an API token (never its secret)' })
  @ApiParam(ID)
  @ApiOkResponse({ type: TokenResponse })
  @ApiNotFoundResponse({ description: 'No such token' })
  get(@Param('id') id: string): Promise<TokenResponse> {
    return this.tokens.get(id);
  }

  @Post(':id/revoke')
  @HttpCode(HttpStatus.OK)
  @Roles(...ACCESS.admin)
  @ApiOperation({
    summary: 'Revoke an API token: it stops working at once',
    description:
      'The token stays listed with revokedAt. Revoking a revoked token changes nothing. The last active admin token cannot be revoked (409).',
  })
  @ApiParam(ID)
  @ApiOkResponse({ type: TokenResponse })
  @ApiNotFoundResponse({ description: 'No such token' })
  @ApiConflictResponse({ description: 'The last active admin token' })
  revoke(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<TokenResponse> {
    return this.tokens.revoke(principal, id);
  }
}
