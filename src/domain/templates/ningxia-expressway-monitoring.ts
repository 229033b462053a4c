/**
 * 售后服务承诺 for the 宁夏高速公路监控系统 (Ningxia expressway monitoring system,
 * local service organisation in Yinchuan), vendor not named. Seed 002.
 * Immediate response, duty staff 08:00–24:00, on site within 8 h of an
 * on-site request, repaired within 24 h, and the whole process from service
 * registration to the customer's signed maintenance record within 24 h.
 */
import { calendarDaily, defineTemplate, t } from './types';

export const NINGXIA_EXPRESSWAY_MONITORING = defineTemplate({
  id: 'ningxia-expressway-monitoring',
  name: 'Ningxia Expressway Monitoring System — After-sales Service Commitment (售后服务承诺)',
  source: {
    seedFile: '002_890183bf4be49806.txt',
    title: '售后服务承诺(宁夏高速公路监控系统)',
    parties: '投标人 (not named; 银川市本地售后服务机构) → 招标人 (宁夏高速公路监控系统)',
    quotes: [
      '免费保修维护期时间为一年,质保期自验收合格之日起计算共一年。',
      '在免费保修维护期内,对招标人提出的服务请求,立即做出响应,对系统提供免费值班人员,值班时间为早8:00至晚12:00;接到现场维护要求后,8小时内派维护人员到达维修现场,24小时及时修复故障。保证有充足的备品备件。',
      '对提供的设备应长期维护,对招标人提出的服务请求,我公司立即做出响应;提供保证系统运行两年以上的必要的备品备件。',
      '1)巡视计划在质保期内定期巡视。',
      '3)服务报告制度:定期向业主汇报维修、维护设备的情况。4)全天候服务响应',
      '特殊时期和重大活动期间,投标人将派专人参与系统保驾运行,与用户共同值守。',
      '要求从“售后服务登记”到“用户签认维修维护记录”的流程必须在24小时内完成。',
    ],
  },
  calendar: calendarDaily('Asia/Shanghai', '08:00', '24:00'),
  policy: {
    severities: {
      fault: {
        triage: { respondWithin: t(5, 'minutes') },
        remote: { startWithin: t(1, 'hours'), resolveWithin: t(4, 'hours') },
        onsite: { arriveWithin: t(8, 'hours', 'rungStart') },
        spare: { triggerAfter: t(8, 'hours'), deliverWithin: t(24, 'hours', 'rungStart') },
        expert: { triggerAfter: t(8, 'hours'), conveneWithin: t(4, 'hours', 'rungStart') },
        penalty: { restoreWithin: t(24, 'hours') },
        signOff: { within: t(24, 'hours', 'report') },
        faultReport: { deliverWithin: t(3, 'days', 'rungStart') },
      },
    },
  },
  contractTerms: {
    currency: 'CNY',
    penalty: null,
    termMonths: 12,
  },
  assumptions: [
    'Calendar = the duty roster, every day 08:00–24:00 (早8:00至晚12:00, 晚12:00 read as midnight), Asia/Shanghai. Every target is in wall-clock units (全天候服务响应, round-the-clock response), so the calendar documents the duty hours and serves any working-time targets an admin adds.',
    'One severity class "fault": the letter has no classes.',
    'triage.respondWithin: 立即做出响应 (immediately) has no number; 5 minutes chosen.',
    'onsite.arriveWithin = 8 h from the on-site request (接到现场维护要求后), i.e. the dispatch decision (rungStart).',
    "penalty.restoreWithin = 24 h counted from the report; the letter's sentence counts it after the on-site request too, which would make it later.",
    'signOff.within = 24 h counted from the report: the letter counts from the service registration (售后服务登记), not from the restore — hence anchor "report".',
    'remote (start 1 h, escalate 4 h), spare (8 h / 24 h: spare parts are promised, no time), expert and fault report (3 days from sign-off): the letter is silent.',
    'termMonths = 12 (免费保修维护期时间为一年).',
  ],
  unexpressed: [
    'No monetary penalty is stated: contractTerms.penalty is null.',
    'Recurring obligations: periodic patrols during the warranty, periodic reports to the owner, spare parts for two years of operation, staff on site during special periods and major events.',
    'Three years of repair at cost price after the free year, and the exclusions (misuse, unauthorised changes, force majeure damage): commercial terms outside the ladder.',
  ],
});
