/**
 * 服务承诺书 — 天津津微首佳软件技术有限公司 for the 大港医院 software service
 * outsourcing project. Seed 000 篇二 (repeated in seed 001 篇三).
 * Fault classes 重大/严重/一般故障 (critical/major/minor); the only timed
 * commitment is for 紧急需求 (fatal bug paralysing users): 30 min response,
 * on site within 4 h of the call, solved within 1 working day. The hotline is
 * 5×8 for immediate response and 7×24 for emergencies, which this template
 * expresses with a 5×8 calendar plus wall-clock units for the emergency class.
 */
import { calendar5x8, defineTemplate, t } from './types';

export const JINWEI_SHOUJIA_DAGANG_HOSPITAL = defineTemplate({
  id: 'jinwei-shoujia-dagang-hospital',
  name: 'Tianjin Jinwei Shoujia Software → Dagang Hospital outsourcing project — Service Commitment (服务承诺书)',
  source: {
    seedFile: '000_33c8bb4153464f28.txt',
    title: '服务承诺书(篇二)',
    parties: '天津津微首佳软件技术有限公司 → 大港医院软件服务外包项目',
    quotes: [
      '(2)响应时间:7×24小时',
      '响应速度:根据故障的不同等级有不同的响应速度,本项目中我们将故障分成三种类型,故障类型定义和描述:',
      '重大故障:造成系统崩溃和系统不能正常运行。',
      '严重故障:系统功能运行不能满足用户要求,影响了多数用户使用。',
      '一般故障:有故障但不影响系统正常运行。',
      '提供免费技术热线电话,电话的开通时间为5×8小时的立即响应,7×24小时的紧急响应,并提供技术支持工程师的手机号码。',
      '紧急需求:政府及卫生主管部门规定的新要求或程序中的致命BUG导致全部或部分用户瘫痪。',
      '对紧急需求:在接到用户通知后,30分钟做出响应,4小时内到达现场,1个工作日内解决问题,如是政策要求按照规定的时间完成并上线。',
      '二次开发的需求:在接到客户以书面的形式提出需求并且有主管领导签字的需求后,公司在3个工作日内答复确定需要修改的时间和上线日期,原则最长不超过15个工作日',
      '更换HIS系统的需求:接到用户单方提出更换HIS系统要求后,公司1个工作日回应并与甲方进行沟通',
      '对于需求方用户提出的的系统操作、系统对业务变化的适应方式、新的数据分析需求等咨询类问题,双方明确需求后本公司在三个工作日回复处理方案。',
      '为保障系统正常、安全高效的使用,我公司提供每年两次的定期相关硬件及软件的巡检及优化建议。',
      '在大港医院软件服务外包项目正式上线运行后两个星期内,本公司将派驻现场工程师,提供现场的技术支持',
    ],
  },
  calendar: calendar5x8('Asia/Shanghai', '09:00', '18:00'),
  policy: {
    severities: {
      critical: {
        triage: { respondWithin: t(30, 'minutes') },
        remote: { startWithin: t(1, 'hours'), resolveWithin: t(2, 'hours') },
        onsite: { arriveWithin: t(4, 'hours', 'report') },
        spare: { triggerAfter: t(8, 'hours'), deliverWithin: t(24, 'hours', 'rungStart') },
        expert: { triggerAfter: t(4, 'hours'), conveneWithin: t(4, 'hours', 'rungStart') },
        penalty: { restoreWithin: t(1, 'workingDays') },
        signOff: { within: t(1, 'workingDays', 'rungStart') },
        faultReport: { deliverWithin: t(3, 'workingDays', 'rungStart') },
      },
      major: {
        triage: { respondWithin: t(30, 'workingMinutes') },
        remote: { startWithin: t(2, 'workingHours'), resolveWithin: t(8, 'workingHours') },
        onsite: { arriveWithin: t(8, 'workingHours', 'rungStart') },
        spare: { triggerAfter: t(2, 'workingDays'), deliverWithin: t(2, 'workingDays', 'rungStart') },
        expert: { triggerAfter: t(1, 'workingDays'), conveneWithin: t(8, 'workingHours', 'rungStart') },
        penalty: { restoreWithin: t(2, 'workingDays') },
        signOff: { within: t(1, 'workingDays', 'rungStart') },
        faultReport: { deliverWithin: t(3, 'workingDays', 'rungStart') },
      },
      minor: {
        triage: { respondWithin: t(30, 'workingMinutes') },
        remote: { startWithin: t(4, 'workingHours'), resolveWithin: t(2, 'workingDays') },
        onsite: { arriveWithin: t(2, 'workingDays', 'rungStart') },
        spare: { triggerAfter: t(5, 'workingDays'), deliverWithin: t(5, 'workingDays', 'rungStart') },
        expert: { triggerAfter: t(5, 'workingDays'), conveneWithin: t(2, 'workingDays', 'rungStart') },
        penalty: { restoreWithin: t(5, 'workingDays') },
        signOff: { within: t(1, 'workingDays', 'rungStart') },
        faultReport: { deliverWithin: t(3, 'workingDays', 'rungStart') },
      },
    },
  },
  contractTerms: {
    currency: 'CNY',
    penalty: null,
  },
  assumptions: [
    "Calendar 5×8 Mon–Fri 09:00–18:00 Asia/Shanghai: the letter says 5×8小时 and 工作日 without the hours; 09:00–18:00 as in the other seed letters. No lunch break, no holidays entered (add the year's Chinese holidays and make-up days).",
    'The timed 紧急需求 commitment (30 min response, 4 h on site from the user\'s notice, 1 working day to solve) is mapped to the critical class (重大故障: system crash). It is counted on the wall clock (7×24小时的紧急响应), except "1个工作日" which is taken literally on the 5×8 calendar.',
    'major/minor classes: the letter defines them but gives no times; values chosen on the 5×8 working clock ("5×8小时的立即响应" read as 30 working minutes for triage).',
    'critical remote start 1 h / remote fix 2 h, expert (4 h, convene within 4 h), spare (8 h / 24 h), sign-off (1 working day from restore) and fault report (3 working days from sign-off): the letter is silent. Spare is a placeholder (software outsourcing) because the model requires every rung.',
    'No service term is stated (外包服务期), so termMonths is left out.',
  ],
  unexpressed: [
    'No monetary penalty is stated: contractTerms.penalty is null (PenaltyTerms cannot express "no penalty": rate must be > 0).',
    'Two service hours by urgency (5×8 immediate response vs 7×24 emergency response) — the model has one calendar per contract; approximated by using wall-clock units for the emergency class and working units for the others.',
    '如是政策要求按照规定的时间完成并上线: for policy-mandated changes the deadline is whatever the authority sets — an external, per-incident deadline the policy cannot hold.',
    'Change requests are not faults: 二次开发 (reply within 3 working days, done within at most 15 working days), HIS replacement (reply within 1 working day, with payment conditions), third-party software replacement (80 % / 100 % payment by years of use), consulting questions (reply within 3 working days).',
    'Recurring obligations: inspections and optimisation advice twice a year; an engineer stationed on site for two weeks after go-live; at least two training sessions before go-live.',
  ],
});
