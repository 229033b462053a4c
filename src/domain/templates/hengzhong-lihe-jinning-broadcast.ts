/**
 * 服务承诺书 — 云南恒众利和信息技术有限公司, 2014-04-30, for the 云南省晋宁第一中学
 * equipment financial-lease procurement (broadcast system, project 晋采公201401).
 * Seed 001. The letter with the spare-unit rule: response ≤ 1 h, on site ≤ 2 h,
 * not cleared within 8 h → a spare of no lower grade within 24 h.
 */
import { calendar24x7, defineTemplate, t } from './types';

export const HENGZHONG_LIHE_JINNING_BROADCAST = defineTemplate({
  id: 'hengzhong-lihe-jinning-broadcast',
  name: 'Yunnan Hengzhong Lihe Information Technology → Jinning No.1 Middle School broadcast system — Service Commitment (服务承诺书)',
  source: {
    seedFile: '001_357944fd8e51b89d.txt',
    title: '服务承诺书(附件十二)',
    parties: '云南恒众利和信息技术有限公司 → 晋宁县公共资源交易中心 / 云南省晋宁第一中学(广播系统)',
    quotes: [
      '1、质保期:货物验收合格后,提供3年质保。',
      '3、硬件3年保修期,系统软件终身免费升级。',
      '免费质保期内维修人员接到维修通知后,在8小时作出明确答复,并及时予以安排解决。',
      '用户报修后,供应商对设备故障响应时间不超过1小时,到达现场时间不超过2小时;如果设备故障在8小时内无法排除,供应商应在24小时内提供不低于故障产品档次的备用产品供使用,直至故障货物修复。',
      '4、免费质保期内供货方负责所有因货物质量问题而产生的费用。',
    ],
  },
  calendar: calendar24x7('Asia/Shanghai'),
  policy: {
    severities: {
      fault: {
        triage: { respondWithin: t(1, 'hours') },
        remote: { startWithin: t(1, 'hours'), resolveWithin: t(1, 'hours') },
        onsite: { arriveWithin: t(2, 'hours', 'report') },
        spare: { triggerAfter: t(8, 'hours'), deliverWithin: t(24, 'hours', 'rungStart') },
        expert: { triggerAfter: t(8, 'hours'), conveneWithin: t(4, 'hours', 'rungStart') },
        penalty: { restoreWithin: t(8, 'hours') },
        signOff: { within: t(24, 'hours', 'rungStart') },
        faultReport: { deliverWithin: t(3, 'days', 'rungStart') },
      },
    },
  },
  contractTerms: {
    currency: 'CNY',
    penalty: null,
    termMonths: 36,
  },
  assumptions: [
    'Calendar 7×24 Asia/Shanghai: the letter states plain hours with no working-time qualifier.',
    'One severity class "fault" (设备故障): the letter has no classes.',
    'remote (start within 1 h, escalate on site after 1 h): the letter has no remote step (broadcast hardware); set so the dispatch decision comes in time for the 2-hour arrival.',
    'onsite.arriveWithin = 2 h counted from the report (用户报修后…到达现场时间不超过2小时).',
    'spare.deliverWithin = 24 h counted from the 8-hour trigger (rungStart); the letter can also be read as 24 h from the report.',
    'penalty.restoreWithin = 8 h: the letter expects the fault cleared within 8 h (else the spare); it states no restore commitment as such.',
    'expert (8 h, convene within 4 h), sign-off (24 h from restore) and fault report (3 days from sign-off): the letter is silent.',
    'termMonths = 36 from the 3-year warranty (提供3年质保 / 硬件3年保修期).',
  ],
  unexpressed: [
    'No monetary penalty is stated: contractTerms.penalty is null (PenaltyTerms cannot express "no penalty").',
    '在8小时作出明确答复 (a definite answer within 8 h of the repair notice): a second response commitment with no rung of its own.',
    'The spare stays with the customer until the faulty goods are repaired (直至故障货物修复): the model records the delivery, not the loan and its return.',
    'Lifetime repair at preferential prices after the warranty, lifetime free system-software upgrades, the vendor bearing all costs of quality faults, replacing the whole product when a defect makes it unusable: commercial terms outside the ladder.',
  ],
});
