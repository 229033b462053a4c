import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { CalendarsService, toCalendarResponse } from '../calendars/calendars.service';
import { ContractsService, toContractResponse } from '../contracts/contracts.service';
import { DomainValidationError } from '../domain/errors';
import { draftFromText } from '../domain/drafts';
import { PoliciesService, toPolicyResponse } from '../policies/policies.service';
import { CreateContractSchema } from '../contracts/dto/contract.dto';
import { parseInput } from '../domain/validation';
import { DocxError, docxText } from './docx';
import type { AppliedDraftResponse, ApplyDraftDto } from './dto/apply-draft.dto';
import { letterTextProblem, type DraftSourceResponse, type DraftsResponse } from './dto/draft-letter.dto';
import type { UploadedLetter } from './letter-upload.interceptor';

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function refuse(path: string, message: string): never {
  throw new DomainValidationError([{ path, message }]);
}

/** endsOn of a term of `months` starting on `startsOn`: the day before the same date `months` later. */
export function termEnd(startsOn: string, months: number): string {
  return DateTime.fromISO(startsOn, { zone: 'UTC' }).plus({ months }).minus({ days: 1 }).toISODate() as string;
}

/** Letters to drafts (pure, offline), and a reviewed draft to a calendar, a policy and a contract in one transaction. */
@Injectable()
export class DraftsService {
  constructor(
    private readonly calendars: CalendarsService,
    private readonly policies: PoliciesService,
    private readonly contracts: ContractsService,
    private readonly audit: AuditService,
  ) {}

  /** The drafts of a text, with the text itself (every span is an offset into it). */
  draft(text: string, source: DraftSourceResponse): DraftsResponse {
    return { text, source, ...draftFromText(text) } as unknown as DraftsResponse;
  }

  /** The text of an uploaded .txt (UTF-8) or .docx; anything else is refused naming `file`. */
  readUpload(file: UploadedLetter): { text: string; source: DraftSourceResponse } {
    const name = file.originalname.toLowerCase();
    const isDocx = name.endsWith('.docx') || file.mimetype === DOCX_TYPE;
    const isText = name.endsWith('.txt') || file.mimetype === 'text/plain';
    let text: string;
    if (isDocx) {
      try {
        text = docxText(file.buffer);
      } catch (error) {
        if (error instanceof DocxError) refuse('file', error.message);
        throw error;
      }
    } else if (isText) {
      try {
        text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(file.buffer);
      } catch {
        refuse('file', 'is not UTF-8 text (save the letter as UTF-8, or upload the .docx)');
      }
      if (text.includes('\u0000')) refuse('file', 'is not a text file (it holds NUL bytes)');
    } else {
      refuse('file', `must be a .txt (UTF-8) or .docx file, not "${file.originalname}" (${file.mimetype})`);
    }
    const problem = letterTextProblem(text);
    if (problem) refuse('file', problem.replace('paste the letter', 'the file holds no text'));
    return { text, source: { kind: isDocx ? 'docx' : 'txt', fileName: file.originalname } };
  }

  /**
   * Creates the calendar, the policy and the contract of a reviewed draft, with their audit row: all
   * or nothing. The contract is parsed by the contract's own schema once the ids exist (its rules
   * across fields, e.g. the amount in its currency's minor digits, name the field under `contract.`).
   */
  async apply(principal: Principal, dto: ApplyDraftDto): Promise<AppliedDraftResponse> {
    const { termMonths, ...fields } = dto.contract;
    const endsOn = termMonths !== undefined && fields.startsOn ? termEnd(fields.startsOn, termMonths) : (fields.endsOn ?? null);
    return this.audit.withAudit(principal, async (m) => {
      // The definitions were parsed by the calendar's and the policy's own schemas (ApplyDraftSchema).
      const calendar = await this.calendars.create({ name: dto.name, definition: dto.calendar }, m);
      const policy = await this.policies.create({ name: dto.name, definition: dto.policy }, m);
      // penaltyTerms pass through as drafted: null when the letter states no rate-based penalty. The
      // contract decides whether it takes a contract without terms (today it refuses: contract.penaltyTerms).
      const contractDto = parseInput(
        CreateContractSchema,
        { ...fields, endsOn, name: dto.name, calendarId: calendar.id, policyId: policy.policy.id },
        'contract',
      );
      const contract = await this.contracts.create(contractDto, m);
      return {
        result: { calendar: toCalendarResponse(calendar), policy: toPolicyResponse(policy), contract: toContractResponse(contract) },
        action: 'draft.apply',
        entity: { type: 'contract', id: contract.id },
        details: { name: dto.name, calendarId: calendar.id, policyId: policy.policy.id, contractId: contract.id },
      };
    });
  }
}
