import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ACCESS } from './access-matrix';
import type { Principal } from './principal';
import { CurrentPrincipal } from './principal.decorator';
import { ROLES, type Role } from './roles';
import { Roles } from './roles.decorator';

export class SessionResponse {
  @ApiProperty({ format: 'uuid' }) tokenId: string;
  @ApiProperty({ example: 'eng:li.na', description: 'The actor recorded for what this token does' }) name: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: Role[];
}

@ApiTags('session')
@Controller('session')
export class SessionController {
  @Get()
  @Roles(...ACCESS.read)
  @ApiOperation({ summary: 'Who am I: the token this request authenticated with, and its roles' })
  @ApiOkResponse({ type: SessionResponse })
  get(@CurrentPrincipal() principal: Principal): SessionResponse {
    return { tokenId: principal.tokenId, name: principal.name, roles: [...principal.roles] };
  }
}
