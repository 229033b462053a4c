import { Body, Controller, HttpCode, Post, Req, UploadedFile, UseInterceptors } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { ACCESS } from '../auth/access-matrix';
import type { Principal } from '../auth/principal';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { Roles } from '../auth/roles.decorator';
import { DomainValidationError } from '../domain/errors';
import { parseInput, z } from '../domain/validation';
import { AppliedDraftResponse, ApplyDraftDto } from './dto/apply-draft.dto';
import { DRAFT_UPLOAD_SCHEMA, DraftLetterSchema, DraftsResponse } from './dto/draft-letter.dto';
import { DraftsService } from './drafts.service';
import { LetterUploadInterceptor, type UploadedLetter } from './letter-upload.interceptor';

const DRAFT_TEXT_JSON_SCHEMA = z.toJSONSchema(DraftLetterSchema, { target: 'openapi-3.0', io: 'input' }) as Record<string, unknown>;

@ApiTags('admin: drafts')
@ApiBadRequestResponse({ description: 'Invalid input: fieldErrors name each field path and the reason' })
@Controller('drafts')
export class DraftsController {
  constructor(private readonly drafts: DraftsService) {}

  @Post()
  @HttpCode(200)
  @Roles(...ACCESS.admin)
  @UseInterceptors(LetterUploadInterceptor)
  @ApiOperation({
    summary: 'Read a letter into drafts',
    description:
      'JSON { text } (pasted) or a multipart upload of `file` (.txt in UTF-8, or .docx). Returns the text that was read and, per ' +
      'letter in it, the findings and a draft (calendar, policy, contract terms) whose every field says whether the letter stated ' +
      'it or the draft proposes it, with the findings it came from; each finding carries character offsets into `text`. Gaps ' +
      '(unstated targets, values proposed, commitments the model cannot hold) are listed for review. Deterministic, no network; ' +
      'nothing is stored.',
  })
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({ schema: { oneOf: [DRAFT_TEXT_JSON_SCHEMA, DRAFT_UPLOAD_SCHEMA] } })
  @ApiOkResponse({ type: DraftsResponse })
  draft(@Req() req: Request, @Body() body: unknown, @UploadedFile() file: UploadedLetter | undefined): DraftsResponse {
    if (file) {
      const read = this.drafts.readUpload(file);
      return this.drafts.draft(read.text, read.source);
    }
    if (req.is('multipart/form-data')) throw new DomainValidationError([{ path: 'file', message: 'missing: upload the letter as "file"' }]);
    const { text } = parseInput(DraftLetterSchema, body ?? {});
    return this.drafts.draft(text, { kind: 'text' });
  }

  @Post('apply')
  @Roles(...ACCESS.admin)
  @ApiOperation({
    summary: 'Create the calendar, the policy and the contract of a reviewed draft',
    description:
      'All three are named `name` and created in one transaction: a refusal (400 naming the field, e.g. contract.totalValue; ' +
      '409 when a name is taken) creates nothing. termMonths sets endsOn from startsOn.',
  })
  @ApiCreatedResponse({ type: AppliedDraftResponse })
  @ApiConflictResponse({ description: 'A calendar, policy or contract with that name exists' })
  apply(@CurrentPrincipal() principal: Principal, @Body() dto: ApplyDraftDto): Promise<AppliedDraftResponse> {
    return this.drafts.apply(principal, dto);
  }
}
