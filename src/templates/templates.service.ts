import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Page, PageQuery, pageOf } from '../admin/pagination';
import { CalendarsService, toCalendarResponse } from '../calendars/calendars.service';
import { NotFoundError } from '../common/errors';
import { validatePenaltyTerms } from '../domain/penalty/terms';
import { findTemplate, SEED_TEMPLATES, type SeedTemplate } from '../domain/templates';
import { PoliciesService, toPolicyResponse } from '../policies/policies.service';
import type { ImportTemplateDto } from './dto/import-template.dto';
import type { TemplateImportResponse, TemplateResponse, TemplateSummaryResponse } from './dto/template.response';

function summary(t: SeedTemplate): TemplateSummaryResponse {
  return {
    id: t.id,
    name: t.name,
    source: t.source,
    assumptions: t.assumptions,
    unexpressed: t.unexpressed,
    contractTerms: t.contractTerms,
  };
}

/** The seed templates (customers' letters as calendar + policy + contract terms) and their import. */
@Injectable()
export class TemplatesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendars: CalendarsService,
    private readonly policies: PoliciesService,
  ) {}

  list(query: PageQuery): Page<TemplateSummaryResponse> {
    const items = SEED_TEMPLATES.slice(query.offset, query.offset + query.limit).map(summary);
    return pageOf(items, SEED_TEMPLATES.length, query);
  }

  get(id: string): TemplateResponse {
    const t = this.find(id);
    return { ...summary(t), calendar: t.calendar, policy: t.policy };
  }

  /** Creates the template's calendar and policy in one transaction: both or neither (409 when a name is taken). */
  /** `manager`: run inside a caller's transaction (the import with its audit row). */
  async import(id: string, dto: ImportTemplateDto, manager?: EntityManager): Promise<TemplateImportResponse> {
    const t = this.find(id);
    const name = dto.name ?? t.name;
    const penaltyTerms = t.contractTerms.penalty ? validatePenaltyTerms(t.contractTerms.penalty, 'contractTerms.penalty') : null;
    const work = async (m: EntityManager) => ({
      calendar: await this.calendars.create({ name, definition: t.calendar }, m),
      policy: await this.policies.create({ name, definition: t.policy }, m),
    });
    const { calendar, policy } = await (manager ? work(manager) : this.dataSource.transaction(work));
    return {
      calendar: toCalendarResponse(calendar),
      policy: toPolicyResponse(policy),
      contractTerms: {
        calendarId: calendar.id,
        policyId: policy.policy.id,
        currency: t.contractTerms.currency,
        penaltyTerms,
        ...(t.contractTerms.termMonths === undefined ? {} : { termMonths: t.contractTerms.termMonths }),
        ...(t.contractTerms.exclusionCauses === undefined ? {} : { exclusionCauses: t.contractTerms.exclusionCauses }),
      },
    };
  }

  private find(id: string): SeedTemplate {
    const t = findTemplate(id);
    if (!t) throw new NotFoundError('template', id);
    return t;
  }
}
