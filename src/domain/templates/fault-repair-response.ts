/**
 * 故障报修响应时间承诺书 — template letter, vendor not named. Seed 001.
 * Response within 1 h; general faults: solution or an engineer dispatched
 * within 24 h; urgent faults: engineer on site within 4 h; a detailed fault
 * report after the fix.
 */
import { calendar24x7, defineTemplate, t } from './types';

export const FAULT_REPAIR_RESPONSE = defineTemplate({
  id: 'fault-repair-response',
  name: 'Fault Repair Response Time Commitment, vendor unnamed (故障报修响应时间承诺书)',
  source: {
    seedFile: '001_357944fd8e51b89d.txt',
    title: '故障报修响应时间承诺书',
    parties: '[公司名称] → 客户 (not named)',
    quotes: [
      '1. 我方承诺,对于客户提交的故障报修请求,将在收到请求后的1小时内给予响应。',
      '2. 对于一般性故障,我方承诺在24小时内提供解决方案或派遣技术人员进行现场处理。',
      '3. 对于紧急故障,我方承诺在4小时内派遣技术人员到达现场,并立即开展故障排查和修复工作。',
      '3. 故障处理过程中,我方将保持与客户的沟通,及时更新故障处理进展,并在问题解决后提供详细的故障报告。',
      '1. 如因不可抗力因素(如自然灾害、战争等)导致我方无法按时响应故障报修请求,我方不承担责任。',
      '2. 对于客户未按照产品使用说明操作导致的故障,我方将提供必要的技术支持,但可能产生的额外费用需由客户承担。',
    ],
  },
  calendar: calendar24x7('Asia/Shanghai'),
  policy: {
    severities: {
      urgent: {
        triage: { respondWithin: t(1, 'hours') },
        remote: { startWithin: t(1, 'hours'), resolveWithin: t(2, 'hours') },
        onsite: { arriveWithin: t(4, 'hours', 'report') },
        spare: { triggerAfter: t(8, 'hours'), deliverWithin: t(24, 'hours', 'rungStart') },
        expert: { triggerAfter: t(4, 'hours'), conveneWithin: t(4, 'hours', 'rungStart') },
        penalty: { restoreWithin: t(8, 'hours') },
        signOff: { within: t(24, 'hours', 'rungStart') },
        faultReport: { deliverWithin: t(3, 'days', 'rungStart') },
      },
      general: {
        triage: { respondWithin: t(1, 'hours') },
        remote: { startWithin: t(4, 'hours'), resolveWithin: t(24, 'hours') },
        onsite: { arriveWithin: t(8, 'hours', 'rungStart') },
        spare: { triggerAfter: t(2, 'days'), deliverWithin: t(24, 'hours', 'rungStart') },
        expert: { triggerAfter: t(2, 'days'), conveneWithin: t(1, 'days', 'rungStart') },
        penalty: { restoreWithin: t(3, 'days') },
        signOff: { within: t(24, 'hours', 'rungStart') },
        faultReport: { deliverWithin: t(3, 'days', 'rungStart') },
      },
    },
  },
  contractTerms: {
    currency: 'CNY',
    penalty: null,
  },
  assumptions: [
    'Calendar 7×24 Asia/Shanghai: the letter states plain hours, no working time, no zone.',
    'Severity classes urgent (紧急故障) / general (一般性故障).',
    'urgent: on site within 4 h counted from the report (the letter counts every deadline from receipt of the request); remote start 1 h / escalate on site at 2 h assumed so the 4-hour arrival can be met.',
    'general: 24小时内提供解决方案或派遣技术人员 is encoded as remote.resolveWithin = 24 h (by then a solution, or the on-site escalation); arrival 8 h after the dispatch decision is assumed.',
    'penalty.restoreWithin (8 h urgent, 3 days general), spare (placeholder), expert, sign-off (24 h from restore): the letter is silent.',
    'faultReport.deliverWithin = 3 days from sign-off: the letter promises a detailed fault report after the fix without a deadline.',
  ],
  unexpressed: [
    'No monetary penalty is stated: contractTerms.penalty is null.',
    'Force majeure: the letter says the vendor bears no liability (不承担责任); the model pauses the clocks for the duration instead.',
    'Faults caused by the customer not following the manual: support is still given but extra costs may be charged — the model can exclude the incident but has no chargeable-work notion.',
    '及时更新故障处理进展 (progress updates during the fault): no cadence is given and the model has no recurring update target.',
  ],
});
