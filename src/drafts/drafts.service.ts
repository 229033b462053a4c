import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { CalendarsService, toCalendarResponse } from '../calendars/calendars.service';
import { ContractsService, toContractResponse } from '../contracts/contracts.service';
import { DomainValidationError } from '../domain/errors';
import { draftFromText } from '../domain/drafts';
import { PoliciesService, toPolicyResponse } from '../policies/policies.service';
import { DocxError, docxText } from './docx';
import type { AppliedDraftResponse, ApplyDraftDto } from './dto/apply-draft.dto';
import { letterTextProblem, type DraftSourceResponse, type DraftsResponse } from './dto/draft-letter.dto';
import type { UploadedLetter } from './letter-upload.interceptor';

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function refuse(path: string, message: string): never {
  throw new DomainValidationError([{ path, message }]);
}

/** Runs one part of the apply; its field issues are named as the request names them (definition.x → calendar.x). */
async function part<T>(rename: (path: string) => string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DomainValidationError) throw new DomainValidationError(error.issues.map((i) => ({ ...i, path: rename(i.path) })));
    throw error;
  }
}

/** endsOn of a term of `months` starting on `startsOn`: the day before the same date `months` later. */
export function termEnd(startsOn: string, months: number): string {
  return DateTime.fromISO(startsOn, { zone: 'UTC' }).plus({ months }).minus({ days: 1 }).toISODate() as string;
}

/** Letters to drafts (pure, offline), and a reviewed draft to a calendar, a policy and a contract in one transaction. */
@Injectable()
export class DraftsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
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

  /** Creates the calendar, the policy and the contract of a reviewed draft: all three or none. */
  async apply(principal: Principal, dto: ApplyDraftDto): Promise<AppliedDraftResponse> {
    const c = dto.contract;
    const endsOn = c.termMonths !== undefined && c.startsOn ? termEnd(c.startsOn, c.termMonths) : (c.endsOn ?? null);
    return this.dataSource.transaction(async (m) => {
      const calendar = await part(
        (p) => p.replace(/^definition/, 'calendar'),
        () => this.calendars.create({ name: dto.name, definition: dto.calendar as unknown as Record<string, unknown> }, m),
      );
      const policy = await part(
        (p) => p.replace(/^definition/, 'policy'),
        () => this.policies.create({ name: dto.name, definition: dto.policy as unknown as Record<string, unknown> }, m),
      );
      const contract = await part(
        (p) => `contract.${p}`,
        () =>
          this.contracts.create(
            {
              name: dto.name,
              customer: c.customer,
              totalValue: c.totalValue,
              currency: c.currency,
              calendarId: calendar.id,
              policyId: policy.policy.id,
              // Passed through as drafted: null when the letter states no rate-based penalty. The contract
              // decides whether it accepts a contract without terms (today it refuses: 400 contract.penaltyTerms).
              penaltyTerms: c.penaltyTerms as unknown as Record<string, unknown>,
              startsOn: c.startsOn ?? null,
              endsOn,
              language: c.language,
            },
            m,
          ),
      );
      const applied = { calendar: toCalendarResponse(calendar), policy: toPolicyResponse(policy), contract: toContractResponse(contract) };
      await this.audit.record(
        principal,
        'draft.apply',
        { type: 'contract', id: contract.id },
        { name: dto.name, calendarId: calendar.id, policyId: policy.policy.id, contractId: contract.id },
        m,
      );
      return applied;
    });
  }
}
