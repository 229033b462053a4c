/**
 * 服务承诺函 — XXXX电子技术有限公司 ("信贝公司"), 2014-12-02.
 * Seed 000, 篇一. The one letter (with its twin, seed 003) that carries a
 * rate-based penalty: restore within 2 h, else 0.25 % of the contract total
 * per day of interruption, capped at 5 %.
 */
import { calendar24x7, defineTemplate, t } from './types';

/** 紧急 and 严重 carry the same commitments: immediate response, remote access within 30 minutes. */
const IMMEDIATE_RESPONSE = {
  triage: { respondWithin: t(5, 'minutes') },
  remote: { startWithin: t(30, 'minutes'), resolveWithin: t(1, 'hours') },
  onsite: { arriveWithin: t(4, 'hours', 'rungStart') },
  spare: { triggerAfter: t(8, 'hours'), deliverWithin: t(24, 'hours', 'rungStart') },
  expert: { triggerAfter: t(2, 'hours'), conveneWithin: t(4, 'hours', 'rungStart') },
  penalty: { restoreWithin: t(2, 'hours') },
  signOff: { within: t(24, 'hours', 'rungStart') },
  faultReport: { deliverWithin: t(3, 'days', 'rungStart') },
};

export const XINBEI_SERVICE_COMMITMENT = defineTemplate({
  id: 'xinbei-service-commitment',
  name: 'Xinbei (XXXX Electronic Technology Co.) — Service Commitment Letter (服务承诺函)',
  source: {
    seedFile: '000_33c8bb4153464f28.txt',
    title: '服务承诺函(篇一:软件服务承诺书)',
    parties: 'XXXX电子技术有限公司(信贝公司) → XXXX单位',
    quotes: [
      '售后技术支持热线电话:0371-XXXX 转技术支持部 (周一至周五,9:00am 至18:00 pm),次数不限.',
      '7×24小时支持热线: XXXX',
      '2.非办公时间请拨打24小时服务热线。',
      '3.服务的优先顺序及回应时间:拨打电话请求支持时,客户应说明时间优先顺序:紧急,严重,及不严重:',
      '紧急情况:指系统不能正常使用的情况。电话支持人员将立即做出响应,并由专人在30分钟内通过远程拨号访问对系统进行维护。',
      '严重情况:指系统受损严重的情况。电话支持人员将立即做出响应,并由专人在30分钟内通过远程拨号访问对系统问题进行解决。',
      '一般情况:支持人员将在受到请求之后的1小时内做出响应。',
      '在合同规定保证期内,由于我方原因造成系统服务中断,我方承诺两小时内排除故障,恢复正常服务。',
      '如不能在承诺时间内排除故障,服务每中断一天我方向XXXX单位支付合同总价的0.25%的违约金,最终违约金不超过合同总价的5%。',
      '协议任何一方因战争、火灾、水灾、台风、地震、传染病、政变等国际惯例视作不可抗力受阻,而无法履行其协议义务时,本协议执行时间将延长与上述事故持续相等日数。',
      '由于服务器硬件问题、操作系统问题、误操作问题、网络环境问题等因素引起的故障,不在信贝公司免费维护范围之内。',
    ],
  },
  calendar: calendar24x7('Asia/Shanghai'),
  policy: {
    severities: {
      urgent: IMMEDIATE_RESPONSE,
      serious: IMMEDIATE_RESPONSE,
      general: {
        triage: { respondWithin: t(1, 'hours') },
        remote: { startWithin: t(4, 'hours'), resolveWithin: t(1, 'days') },
        onsite: { arriveWithin: t(1, 'days', 'rungStart') },
        spare: { triggerAfter: t(3, 'days'), deliverWithin: t(24, 'hours', 'rungStart') },
        expert: { triggerAfter: t(2, 'days'), conveneWithin: t(1, 'days', 'rungStart') },
        penalty: { restoreWithin: t(3, 'days') },
        signOff: { within: t(24, 'hours', 'rungStart') },
        faultReport: { deliverWithin: t(3, 'days', 'rungStart') },
      },
    },
  },
  contractTerms: {
    currency: 'CNY',
    penalty: {
      ratePerPeriod: '0.0025',
      period: { amount: 1, unit: 'days' },
      capFraction: '0.05',
      capScope: 'contract',
      partialPeriod: 'started',
      countFrom: 'report',
    },
    exclusionCauses: ['power', 'water', 'ups', 'server-hardware', 'os', 'operator-error', 'network'],
  },
  assumptions: [
    'Calendar 7×24 in Asia/Shanghai: office hours are Mon–Fri 9:00–18:00 but a 24-hour hotline covers the rest, and no commitment is stated in working time. The zone is not stated (Chinese vendor, 0371 area code).',
    "Severity classes urgent/serious/general follow the letter's priority list 紧急/严重/不严重 with the 紧急情况/严重情况/一般情况 definitions.",
    'triage.respondWithin urgent/serious: the letter says 立即 (immediately) without a number; 5 minutes chosen.',
    'remote.resolveWithin (1 h urgent/serious, 1 day general), remote.startWithin general (4 h) and on-site arrival (4 h / 1 day from the dispatch decision): the letter is silent; on-site service is not mentioned at all.',
    'spare (8 h trigger, 24 h delivery, 3 days for general): the letter is silent (software service); values borrowed from the Yunnan Hengzhong Lihe letter as placeholders because the model requires every rung.',
    'expert (called at the 2 h restore breach for urgent/serious, 2 days for general; convene within 4 h / 1 day): the letter is silent.',
    "penalty.restoreWithin general = 3 days: the 2-hour restore commitment is for a 系统服务中断 (service interruption); a 一般情况 by the letter's own definition keeps the system running, so the letter gives it no restore time.",
    'signOff (24 h from restore) and faultReport (3 days from sign-off): the letter is silent.',
    'Penalty: partialPeriod "started" (a started day of interruption counts) and countFrom "report" (days of interruption counted from the report) — the letter says only 服务每中断一天; capScope "contract" from 最终违约金不超过合同总价的5% (the final total). Currency CNY (not named; Chinese contract).',
    'Exclusion causes power, water, ups (停电, 进水, UPS电力中断) and server-hardware, os, operator-error, network (服务器硬件问题, 操作系统问题, 误操作问题, 网络环境问题): our labels for the causes the letter lists; its 等因素 (and similar) is the step\'s "other".',
  ],
  unexpressed: [
    'The penalty applies only to a 系统服务中断 caused by the vendor (由于我方原因); the model accrues past penalty.restoreWithin for every severity class and has no per-class "no penalty" switch, so a general incident left open past 3 days would accrue. Use exclude for such incidents, or the model needs a per-severity penalty flag.',
    '立即做出响应 (respond immediately) has no number; encoded as 5 minutes.',
    'Force majeure extends the agreement by the number of days the event lasts (延长与上述事故持续相等日数): expressed at run time by pause/resume, not in the policy.',
    'After a customer power/UPS failure the vendor assists data recovery without guaranteeing 100% (不承诺百分之百恢复): a best-effort duty with no deadline.',
    'Periodic remote monitoring every three months with a report to the customer (每三月一次): the model has no periodic per-contract obligations.',
    'Unlimited support calls (次数不限) and consulting (咨询) are not incidents.',
  ],
});
