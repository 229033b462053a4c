/**
 * 售后服务承诺书 for a "**软件开发项目" (software development tender), 60 months of
 * free maintenance. Seed 002, first letter. 7×24 service; response within
 * 30 min of a call; general problems solved within a day, major ones within
 * three; system faults answered within 2 h and running again within 12 h.
 */
import { calendar24x7, defineTemplate, t } from './types';

export const SOFTWARE_PROJECT_60_MONTH_MAINTENANCE = defineTemplate({
  id: 'software-project-60-month-maintenance',
  name: 'Software Development Project, 60-month free maintenance — After-sales Service Commitment (售后服务承诺书)',
  source: {
    seedFile: '002_890183bf4be49806.txt',
    title: '售后服务承诺书(**软件开发项目)',
    parties: '我方 (not named) → 业主方 (**软件开发项目)',
    quotes: [
      '(1)本项目应用系统从项目总体验收合格之日(从双方代表终验签字之日起计算)起,我公司提供所开发系统免费维护60个月。',
      '在质量保证期内,我方向业主方提供7*24小时的服务响应,保证业主方可以随时找到相应的技术人员,我方在接到用户电话、传真通知后,30分钟内响应,一般问题一天内解决,重大问题三天内解决。',
      '特殊情况无法修复的,质保期内我方无条件更换新软件;或采取使系统可正常运转的措施。',
      '若我方未能按时处理,业主方有权自行处理,所发生的费用由我方负责(在合同经费中扣除)。',
      '我公司提供或Email、传真等方式随时回答用户各种技术问题并在24小时内提出解决方案。',
      '7X24小时的实时故障响应。我公司在出现系统软件及应用软件等系统故障的2小时内给予响应,12小时内恢复运行。',
      '当系统出现故障,经用户许可后,我公司远程登录用户系统,进行故障分析、问题定位并提供解决方案。',
    ],
  },
  calendar: calendar24x7('Asia/Shanghai'),
  policy: {
    severities: {
      'system-fault': {
        triage: { respondWithin: t(30, 'minutes') },
        remote: { startWithin: t(2, 'hours'), resolveWithin: t(6, 'hours') },
        onsite: { arriveWithin: t(4, 'hours', 'rungStart') },
        spare: { triggerAfter: t(8, 'hours'), deliverWithin: t(24, 'hours', 'rungStart') },
        expert: { triggerAfter: t(8, 'hours'), conveneWithin: t(4, 'hours', 'rungStart') },
        penalty: { restoreWithin: t(12, 'hours') },
        signOff: { within: t(24, 'hours', 'rungStart') },
        faultReport: { deliverWithin: t(3, 'days', 'rungStart') },
      },
      major: {
        triage: { respondWithin: t(30, 'minutes') },
        remote: { startWithin: t(2, 'hours'), resolveWithin: t(1, 'days') },
        onsite: { arriveWithin: t(1, 'days', 'rungStart') },
        spare: { triggerAfter: t(2, 'days'), deliverWithin: t(24, 'hours', 'rungStart') },
        expert: { triggerAfter: t(1, 'days'), conveneWithin: t(8, 'hours', 'rungStart') },
        penalty: { restoreWithin: t(3, 'days') },
        signOff: { within: t(24, 'hours', 'rungStart') },
        faultReport: { deliverWithin: t(3, 'days', 'rungStart') },
      },
      general: {
        triage: { respondWithin: t(30, 'minutes') },
        remote: { startWithin: t(4, 'hours'), resolveWithin: t(12, 'hours') },
        onsite: { arriveWithin: t(12, 'hours', 'rungStart') },
        spare: { triggerAfter: t(1, 'days'), deliverWithin: t(24, 'hours', 'rungStart') },
        expert: { triggerAfter: t(18, 'hours'), conveneWithin: t(4, 'hours', 'rungStart') },
        penalty: { restoreWithin: t(1, 'days') },
        signOff: { within: t(24, 'hours', 'rungStart') },
        faultReport: { deliverWithin: t(3, 'days', 'rungStart') },
      },
    },
  },
  contractTerms: {
    currency: 'CNY',
    penalty: null,
    termMonths: 60,
  },
  assumptions: [
    'Calendar 7×24 Asia/Shanghai (7*24小时的服务响应); zone not stated.',
    "Three classes from the letter's three statements: system-fault (系统软件及应用软件等系统故障: response 2 h, running again 12 h), major (重大问题: solved within 3 days), general (一般问题: solved within 1 day). The letter does not rank them; a system fault is read as an outage.",
    'triage.respondWithin = 30 min for every class (接到用户电话、传真通知后,30分钟内响应); the system fault\'s "2小时内给予响应" is read as the technical response, encoded as remote.startWithin = 2 h.',
    "remote.resolveWithin, on-site arrival, spare (placeholder: software), expert, sign-off and fault report: the letter is silent; values chosen to fit inside each class's restore time.",
  ],
  unexpressed: [
    "No penalty rate: if the vendor does not handle the problem in time the owner may fix it itself at the vendor's cost, deducted from the contract funds (在合同经费中扣除) — a cost-recovery remedy, not a rate; contractTerms.penalty is null.",
    'Unfixable cases: the vendor replaces the software unconditionally or takes measures to keep the system running — an alternative remedy the ladder does not model (closest: spare unit).',
    'Technical questions by e-mail/fax are answered with a solution within 24 h: questions are not incidents.',
    'Staffing: at least 2 dedicated engineers who built the system with 2+ years of operations experience.',
  ],
});
