import { ExclusionCausesSchema } from '../../../src/domain/contract/exclusion-causes';
import { readLetter } from '../../fixtures/letters';
import { validateCalendar } from '../../../src/domain/clock/calendar';
import { WEEKDAYS } from '../../../src/domain/clock/types';
import { isCurrency, MoneyDecimal } from '../../../src/domain/penalty/money';
import { accrualPerPeriod, capAmount } from '../../../src/domain/penalty/penalty';
import { validatePenaltyTerms } from '../../../src/domain/penalty/terms';
import {
  RUNG_TARGETS,
  Target,
  getTarget,
  isWallUnit,
  listTargets,
  severityNames,
  validatePolicyDefinition,
} from '../../../src/domain/policy/policy';
import { SEED_TEMPLATES, SeedTemplate, findTemplate } from '../../../src/domain/templates';

const HOUR = 3_600_000;
const WALL_MS: Record<string, number> = { seconds: 1000, minutes: 60_000, hours: HOUR, days: 24 * HOUR };
const wallMs = (t: Target): number | undefined => (isWallUnit(t.unit) ? t.amount * WALL_MS[t.unit] : undefined);

function tpl(id: string): SeedTemplate {
  const found = findTemplate(id);
  if (!found) throw new Error(`no template ${id}`);
  return found;
}

function target(id: string, severity: string, key: (typeof RUNG_TARGETS)[number]['key']): Target {
  return getTarget(tpl(id).policy, severity, key)!;
}

describe('SEED_TEMPLATES registry', () => {
  it('has ten templates with unique kebab-case ids', () => {
    const ids = SEED_TEMPLATES.map((t) => t.id);
    expect(ids).toHaveLength(10);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('findTemplate finds by id and returns undefined otherwise', () => {
    for (const t of SEED_TEMPLATES) expect(findTemplate(t.id)).toBe(t);
    expect(findTemplate('nope')).toBeUndefined();
    expect(findTemplate('')).toBeUndefined();
  });

  it('covers every seed file', () => {
    const files = new Set(SEED_TEMPLATES.map((t) => t.source.seedFile));
    expect([...files].sort()).toEqual([
      '000_33c8bb4153464f28.txt',
      '001_357944fd8e51b89d.txt',
      '002_890183bf4be49806.txt',
      '003_66dcbbb9df272e7e.txt',
      '004_4d48142640b9c3b1.txt',
    ]);
  });

  it('templates are deeply frozen (copy before editing)', () => {
    const t = SEED_TEMPLATES[0];
    expect(Object.isFrozen(SEED_TEMPLATES)).toBe(true);
    expect(Object.isFrozen(t)).toBe(true);
    expect(Object.isFrozen(t.policy.severities)).toBe(true);
    expect(Object.isFrozen(getTarget(t.policy, severityNames(t.policy)[0], 'triage.respondWithin'))).toBe(true);
    expect(Object.isFrozen(t.calendar.week)).toBe(true);
  });
});

describe.each(SEED_TEMPLATES.map((t) => [t.id, t] as const))('template %s', (_id, t) => {
  it('has a name with its Chinese title and an honest source', () => {
    expect(t.name).toMatch(/[A-Za-z]/);
    expect(t.name).toMatch(/[\u4e00-\u9fff]/);
    expect(t.source.title).toMatch(/[\u4e00-\u9fff]/);
    expect(t.source.quotes.length).toBeGreaterThan(0);
    expect(t.assumptions.length).toBeGreaterThan(0);
    expect(t.unexpressed.length).toBeGreaterThan(0);
    for (const s of [...t.source.quotes, ...t.assumptions, ...t.unexpressed]) expect(s.trim().length).toBeGreaterThan(10);
  });

  it('quotes are exact sentences of its seed letter', () => {
    const strip = (s: string): string => s.replace(/\s+/g, '');
    const letter = strip(readLetter(t.source.seedFile));
    for (const q of t.source.quotes) expect([q, letter.includes(strip(q))]).toEqual([q, true]);
  });

  it('policy passes validatePolicyDefinition unchanged (anchors written out)', () => {
    expect(validatePolicyDefinition(t.policy, 'policy')).toEqual(t.policy);
  });

  it('calendar passes validateCalendar and has the required shape', () => {
    expect(() => validateCalendar(t.calendar)).not.toThrow();
    expect(t.calendar.zone).toBe('Asia/Shanghai');
    expect(t.calendar.holidays).toEqual([]);
    expect(t.calendar.extraWorkingDays).toEqual([]);
    for (const day of Object.keys(t.calendar.week)) expect(WEEKDAYS).toContain(day);
  });

  it('contract terms: a known currency; penalty passes validatePenaltyTerms, or null explained in unexpressed', () => {
    expect(isCurrency(t.contractTerms.currency)).toBe(true);
    if (t.contractTerms.penalty) {
      expect(validatePenaltyTerms(t.contractTerms.penalty, 'penalty')).toEqual(t.contractTerms.penalty);
    } else {
      expect(t.unexpressed.some((u) => /penalty/i.test(u))).toBe(true);
    }
    if (t.contractTerms.termMonths !== undefined) expect(Number.isInteger(t.contractTerms.termMonths)).toBe(true);
    if (t.contractTerms.exclusionCauses !== undefined)
      expect(ExclusionCausesSchema.parse(t.contractTerms.exclusionCauses)).toEqual(t.contractTerms.exclusionCauses);
  });

  it('uses working units only with a calendar that has working time', () => {
    const units = severityNames(t.policy).flatMap((s) => listTargets(t.policy, s).map((x) => x.target.unit));
    if (units.some((u) => !isWallUnit(u))) expect(Object.values(t.calendar.week).some((w) => (w ?? []).length > 0)).toBe(true);
  });

  it('report-anchored wall-clock targets are in ladder order: triage ≤ remote start ≤ remote resolve; spare/expert trigger before they are due', () => {
    for (const sev of severityNames(t.policy)) {
      const ms = (key: (typeof RUNG_TARGETS)[number]['key']): number | undefined => {
        const x = getTarget(t.policy, sev, key);
        return x && x.anchor === 'report' ? wallMs(x) : undefined;
      };
      const chain = [ms('remote.startWithin'), ms('remote.resolveWithin')];
      if (chain[0] !== undefined && chain[1] !== undefined) expect(chain[0]).toBeLessThanOrEqual(chain[1]);
      const triage = ms('triage.respondWithin');
      if (triage !== undefined && chain[0] !== undefined) expect(triage).toBeLessThanOrEqual(chain[0]);
      const onsite = ms('onsite.arriveWithin');
      if (onsite !== undefined && chain[1] !== undefined) expect(chain[1]).toBeLessThanOrEqual(onsite);
    }
  });
});

describe('what the letters say, encoded', () => {
  const t = (amount: number, unit: Target['unit'], anchor: Target['anchor'] = 'report'): Target => ({ amount, unit, anchor });

  it('Xinbei / Eyou: urgent·serious·general, remote within 30 min, general response 1 h, restore 2 h, 0.25 %/day capped 5 %', () => {
    for (const id of ['xinbei-service-commitment', 'eyou-shanghai-dianji-university']) {
      const x = tpl(id);
      expect(severityNames(x.policy)).toEqual(['urgent', 'serious', 'general']);
      expect(target(id, 'urgent', 'remote.startWithin')).toEqual(t(30, 'minutes'));
      expect(target(id, 'serious', 'remote.startWithin')).toEqual(t(30, 'minutes'));
      expect(target(id, 'general', 'triage.respondWithin')).toEqual(t(1, 'hours'));
      expect(target(id, 'urgent', 'penalty.restoreWithin')).toEqual(t(2, 'hours'));
      expect(target(id, 'serious', 'penalty.restoreWithin')).toEqual(t(2, 'hours'));
      expect(x.contractTerms.penalty).toEqual({
        ratePerPeriod: '0.0025',
        period: { amount: 1, unit: 'days' },
        capFraction: '0.05',
        capScope: 'contract',
        partialPeriod: 'started',
        countFrom: 'report',
      });
      expect(x.calendar.week.sunday).toEqual([{ open: '00:00', close: '24:00' }]);
    }
  });

  it('Xinbei penalty on a 1,000,000.00 CNY contract: 2,500.00 a day, a 30-day outage stops at 50,000.00', () => {
    const p = tpl('xinbei-service-commitment').contractTerms.penalty!;
    expect(accrualPerPeriod('1000000.00', p.ratePerPeriod, 'CNY')).toBe('2500.00');
    expect(capAmount('1000000.00', p.capFraction, 'CNY')).toBe('50000.00');
    // The cap is reached after 20 days: a 30-day outage posts 20 days.
    expect(new MoneyDecimal('50000.00').div('2500.00').toNumber()).toBe(20);
  });

  it('Jinwei Shoujia / Dagang Hospital: critical·major·minor; urgent need 30 min, on site 4 h from the call, solved in 1 working day; 5×8 calendar', () => {
    const id = 'jinwei-shoujia-dagang-hospital';
    expect(severityNames(tpl(id).policy)).toEqual(['critical', 'major', 'minor']);
    expect(target(id, 'critical', 'triage.respondWithin')).toEqual(t(30, 'minutes'));
    expect(target(id, 'critical', 'onsite.arriveWithin')).toEqual(t(4, 'hours', 'report'));
    expect(target(id, 'critical', 'penalty.restoreWithin')).toEqual(t(1, 'workingDays'));
    expect(tpl(id).contractTerms.penalty).toBeNull();
    expect(tpl(id).calendar.week.monday).toEqual([{ open: '09:00', close: '18:00' }]);
    expect(tpl(id).calendar.week.saturday).toBeUndefined();
  });

  it('Maintenance service commitment: phone 2 h then on site, experts within 4 h, 2 working days', () => {
    const id = 'maintenance-service-commitment';
    expect(target(id, 'major', 'remote.resolveWithin')).toEqual(t(2, 'hours'));
    expect(target(id, 'major', 'expert.conveneWithin')).toEqual(t(4, 'hours', 'rungStart'));
    expect(target(id, 'general', 'triage.respondWithin')).toEqual(t(2, 'workingDays'));
  });

  it('Hengzhong Lihe / Jinning: response 1 h, on site 2 h from the report, spare after 8 h within 24 h', () => {
    const id = 'hengzhong-lihe-jinning-broadcast';
    expect(target(id, 'fault', 'triage.respondWithin')).toEqual(t(1, 'hours'));
    expect(target(id, 'fault', 'onsite.arriveWithin')).toEqual(t(2, 'hours', 'report'));
    expect(target(id, 'fault', 'spare.triggerAfter')).toEqual(t(8, 'hours'));
    expect(target(id, 'fault', 'spare.deliverWithin')).toEqual(t(24, 'hours', 'rungStart'));
    expect(tpl(id).contractTerms.termMonths).toBe(36);
  });

  it('Fault repair response: response 1 h; urgent on site 4 h; general solution or dispatch within 24 h', () => {
    const id = 'fault-repair-response';
    expect(target(id, 'urgent', 'triage.respondWithin')).toEqual(t(1, 'hours'));
    expect(target(id, 'urgent', 'onsite.arriveWithin')).toEqual(t(4, 'hours', 'report'));
    expect(target(id, 'general', 'remote.resolveWithin')).toEqual(t(24, 'hours'));
  });

  it('Software project (60 months): 30 min response; restore 12 h / 3 days / 1 day', () => {
    const id = 'software-project-60-month-maintenance';
    for (const s of ['system-fault', 'major', 'general']) expect(target(id, s, 'triage.respondWithin')).toEqual(t(30, 'minutes'));
    expect(target(id, 'system-fault', 'penalty.restoreWithin')).toEqual(t(12, 'hours'));
    expect(target(id, 'major', 'penalty.restoreWithin')).toEqual(t(3, 'days'));
    expect(target(id, 'general', 'penalty.restoreWithin')).toEqual(t(1, 'days'));
    expect(tpl(id).contractTerms.termMonths).toBe(60);
  });

  it('CAAC Southwest: response 2 h, on site and fixed within 8 h', () => {
    const id = 'caac-southwest-network-servers';
    expect(target(id, 'critical', 'triage.respondWithin')).toEqual(t(2, 'hours'));
    expect(target(id, 'critical', 'onsite.arriveWithin')).toEqual(t(8, 'hours', 'report'));
    expect(target(id, 'critical', 'penalty.restoreWithin')).toEqual(t(8, 'hours'));
  });

  it('Ningxia expressway: on site 8 h after the on-site request, fixed in 24 h, signed off within 24 h of registration; duty 08:00–24:00', () => {
    const id = 'ningxia-expressway-monitoring';
    expect(target(id, 'fault', 'onsite.arriveWithin')).toEqual(t(8, 'hours', 'rungStart'));
    expect(target(id, 'fault', 'penalty.restoreWithin')).toEqual(t(24, 'hours'));
    expect(target(id, 'fault', 'signOff.within')).toEqual(t(24, 'hours', 'report'));
    expect(tpl(id).calendar.week.sunday).toEqual([{ open: '08:00', close: '24:00' }]);
  });

  it('Seeyon: 2 effective working days, remote 4 working hours, on site 16 working hours, on 5×8', () => {
    const id = 'seeyon-maintenance-agreement';
    expect(target(id, 'standard', 'triage.respondWithin')).toEqual(t(2, 'workingDays'));
    expect(target(id, 'standard', 'remote.startWithin')).toEqual(t(4, 'workingHours'));
    expect(target(id, 'standard', 'onsite.arriveWithin')).toEqual(t(16, 'workingHours', 'rungStart'));
    expect(target(id, 'urgent', 'onsite.arriveWithin')).toEqual(t(4, 'hours', 'report'));
    const week = tpl(id).calendar.week;
    for (const d of ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const)
      expect(week[d]).toEqual([{ open: '09:00', close: '18:00' }]);
    expect(week.saturday).toBeUndefined();
    expect(week.sunday).toBeUndefined();
  });
});
