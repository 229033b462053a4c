/**
 * 致远软件产品维护协议 — 西安致远协创信息技术有限公司 (Seeyon partner in Xi'an),
 * one-year maintenance agreement. Seed 004 (the seed text carries page
 * markers such as "3、" inside sentences; quoted verbatim). Response within
 * 2 effective working days; on a 5×8 service time remote support answers within
 * 4 working hours and standard on-site service within 16 working hours; an
 * urgent on-site add-on runs 7×24 with a 4-hour response.
 */
import { calendar5x8, defineTemplate, t } from './types';

export const SEEYON_MAINTENANCE_AGREEMENT = defineTemplate({
  id: 'seeyon-maintenance-agreement',
  name: "Xi'an Zhiyuan Xiechuang (Seeyon) — Software Product Maintenance Agreement (致远软件产品维护协议)",
  source: {
    seedFile: '004_4d48142640b9c3b1.txt',
    title: '致远软件产品维护协议(软件系统运维协议)',
    parties: '西安致远协创信息技术有限公司(乙方) → 甲方 (not named)',
    quotes: [
      '1)乙方接到甲方通过电话、信函、传真、电子邮件、网上提交等方式提出关3、于致远软件的服务请求后,在两个有效工作日内给予响应并提供服务。',
      '5、甲方在乙方服务人员服务完成后,配合检查软件系统运行是否正常。',
      '3)乙方在确认违反了服务承诺,并给甲方造成了实际损失,应该给甲方以适当的经济补偿。',
      '2)因甲方人员进行非法操作、感染病毒、硬件出现故障导致的数据混乱、丢失等问题,甲 方请求乙方提供服务的,乙方可以按照软件服务费的100,加收服务费。',
      '2、合同有效期限为一年,自 年 月 日至 年 月 日止,期满合同自动中止。',
      '1、服务时间:5天*8小 时 2、电话接通率90%以上',
      '远程支持对于热线无法解答的产品问题进行远程现象查看、定位、诊断并提供解决方案;协助更新产品补丁包并提供应用指导。1、服务时间:5天*8小时 2、响应时间:4工作小时',
      '标准现场服务对于热线、远程、在线都无法解决的产品问题到客户现场进行查看、8、定位、诊断并提供解决方案,提供预防措施和应用建议。1、服务时间:5天*8小时 2、响应时间:16工作小时',
      'VIP热线在“热线服务”内容的基础上,为重点客户创建问题提交的绿色通道,对于疑难问题由服务专家进行会诊,快速解决客户的应用问题;',
      '现场加急特殊服务根据故障的紧急程度,在标准现场基础上提供当天加急响应,实现紧急问题紧急处理,保障客户的业务及时、有效的运转;提供法定节假日及非工作时间的特殊支持保障服务(非工作日需要另行付费);1、服务时间:7天*24小时 2、响应时间:4工作小时',
      '现场专属服务客户可以指定满意的服务工程师提供一对一服务',
    ],
  },
  calendar: calendar5x8('Asia/Shanghai', '09:00', '18:00'),
  policy: {
    severities: {
      standard: {
        triage: { respondWithin: t(2, 'workingDays') },
        remote: { startWithin: t(4, 'workingHours'), resolveWithin: t(1, 'workingDays') },
        onsite: { arriveWithin: t(16, 'workingHours', 'rungStart') },
        spare: { triggerAfter: t(5, 'workingDays'), deliverWithin: t(5, 'workingDays', 'rungStart') },
        expert: { triggerAfter: t(2, 'workingDays'), conveneWithin: t(1, 'workingDays', 'rungStart') },
        penalty: { restoreWithin: t(5, 'workingDays') },
        signOff: { within: t(1, 'workingDays', 'rungStart') },
        faultReport: { deliverWithin: t(3, 'workingDays', 'rungStart') },
      },
      urgent: {
        triage: { respondWithin: t(1, 'hours') },
        remote: { startWithin: t(2, 'hours'), resolveWithin: t(2, 'hours') },
        onsite: { arriveWithin: t(4, 'hours', 'report') },
        spare: { triggerAfter: t(1, 'days'), deliverWithin: t(24, 'hours', 'rungStart') },
        expert: { triggerAfter: t(8, 'hours'), conveneWithin: t(4, 'hours', 'rungStart') },
        penalty: { restoreWithin: t(1, 'days') },
        signOff: { within: t(1, 'workingDays', 'rungStart') },
        faultReport: { deliverWithin: t(3, 'workingDays', 'rungStart') },
      },
    },
  },
  contractTerms: {
    currency: 'CNY',
    penalty: null,
    termMonths: 12,
  },
  assumptions: [
    "Calendar 5×8 Mon–Fri 09:00–18:00 Asia/Shanghai (Xi'an): the agreement says 5天*8小时 without the hours; no lunch break, no holidays entered (add the year's Chinese holidays and make-up days — 有效工作日 excludes them).",
    'Severity classes standard (标准服务) / urgent (现场加急特殊服务): the agreement has service products, not severity classes.',
    'standard: triage 2 working days (两个有效工作日内给予响应并提供服务), remote start 4 working hours (远程支持 响应时间), on site 16 working hours counted from the decision to go on site (标准现场服务 响应时间; "response" read as arrival).',
    'urgent: on site within 4 h of the report on the wall clock (7天*24小时 service time); triage 1 h and remote 2 h assumed so the 4-hour arrival can be met.',
    'remote.resolveWithin, spare (placeholder: software), expert (VIP hotline promises expert consultation for hard problems, no time), restore, sign-off (the customer checks the system after the service, no time) and fault report: the agreement is silent.',
    'termMonths = 12 (合同有效期限为一年).',
  ],
  unexpressed: [
    'No penalty rate: when a breach caused actual losses the vendor gives "appropriate economic compensation" (适当的经济补偿) — unquantified; contractTerms.penalty is null.',
    'The urgent add-on runs on 7×24 while standard service runs on 5×8, and its response is written as "4工作小时" (working hours) inside a 7×24 service time: the model has one calendar per contract; encoded as 4 wall-clock hours.',
    'Service outside working days is charged extra (非工作日需要另行付费), and customer-caused problems (illegal operation, viruses, hardware failure) are serviced at +100 % of the service fee: chargeable work is not modelled.',
    'Service tiers sold as add-ons (VIP hotline with 100 % answer rate, dedicated engineer with an 8-hour response, scheduled on-site guarantee periods): tiers are not severity classes; a contract buying a tier needs its own policy.',
    'Hotline answer rate ≥ 90 %, a yearly phone-support report, system inspections and data-security checks on an agreed schedule: statistical and recurring obligations.',
  ],
});
