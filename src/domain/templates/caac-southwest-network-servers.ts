/**
 * 售后服务承诺书 — XXXXX科技有限公司, 20xx-12-14, for 民航西南地区管理局搬迁办公区工程
 * 网络系统服务器及存储设备 (CAAC Southwest Regional Administration: network
 * servers and storage, IBM equipment). Seed 002. Response within 2 h, on site
 * and fixed within 8 h; problems classed 关键/重要/普通 (critical/major/minor);
 * a written fault report after each fix.
 */
import { calendar24x7, defineTemplate, t } from './types';

export const CAAC_SOUTHWEST_NETWORK_SERVERS = defineTemplate({
  id: 'caac-southwest-network-servers',
  name: 'XXXXX Technology Co. → CAAC Southwest Regional Administration, network servers & storage — After-sales Service Commitment (售后服务承诺书)',
  source: {
    seedFile: '002_890183bf4be49806.txt',
    title: '售后服务承诺书(民航西南地区管理局搬迁办公区工程网络系统服务器及存储设备)',
    parties: 'XXXXX科技有限公司 → 民航西南地区管理局',
    quotes: [
      '1) 现场维护和技术支持,在接到故障通知后,将在2小时内作出响应,并及时安排工程师根据情况进行排除,包括远程调试和现场支援,根据用户需求8个小时到达故障现场,工程师会在修复过程中进行技术介绍和指导。',
      '1) 我公司承诺本项目中所使用的IBM设备均享受IBM厂家提供三年免费质保,并享受IBM厂家提供7×24小时售后服务。',
      '2) 我公司为本项目提供系统所必须的易损件、消耗件、工具等,并对所有硬件提供三年免费保修服务,保修期从系统安装完毕,验收合格之日起。',
      '乙方负责供货后对设备安装进行指导,指导甲方的专门安装组和专人的安装工作,并提供24小电话技术支持服务。我公司承诺在收到甲方故障报修通知后2小时内做出响应,8小时内到达用户现场并解决问题;',
      '1.关键问题描述:任何影响系统运行,造成业务中断的问题。支持方式:1) 工程师立即前往故障地点,解决问题或提出故障原因;2) 故障排除后,以电子文档和书面的形式向用户方提供详细的故障报告,包括故障原因、故障排除方法等。',
      '2.重要问题描述:任何影响系统运行,但未造成业务中断的问题。如系统配置不当等问题。',
      '1) 如果对影响系统运行的原因了如指掌且用户又能在工程师的指导下解决问题的话,立即电话支持,解决用户问题;2) 对于需要亲临现场解决的问题,工程师将及时到达现场,使应用系统达到最佳使用状态;',
      '3.普通问题描述:不影响系统运行,只是调整参数,增加功能等问题。',
      '2) 不需要亲临现场解决的问题,2小时内响应,并提供全程电话技术支持服务,故障排除后,公司将以电子文档和书面的形式向用户方提供详细报告。',
      '2) 我公司所提供的服务与IBM原厂的标准保修服务互为补充,如两服务承诺有冲突时用户可优先选择更为有利的一方的服务。',
    ],
  },
  calendar: calendar24x7('Asia/Shanghai'),
  policy: {
    severities: {
      critical: {
        triage: { respondWithin: t(2, 'hours') },
        remote: { startWithin: t(2, 'hours'), resolveWithin: t(2, 'hours') },
        onsite: { arriveWithin: t(8, 'hours', 'report') },
        spare: { triggerAfter: t(8, 'hours'), deliverWithin: t(24, 'hours', 'rungStart') },
        expert: { triggerAfter: t(8, 'hours'), conveneWithin: t(4, 'hours', 'rungStart') },
        penalty: { restoreWithin: t(8, 'hours') },
        signOff: { within: t(24, 'hours', 'rungStart') },
        faultReport: { deliverWithin: t(3, 'days', 'rungStart') },
      },
      major: {
        triage: { respondWithin: t(2, 'hours') },
        remote: { startWithin: t(2, 'hours'), resolveWithin: t(4, 'hours') },
        onsite: { arriveWithin: t(8, 'hours', 'report') },
        spare: { triggerAfter: t(8, 'hours'), deliverWithin: t(24, 'hours', 'rungStart') },
        expert: { triggerAfter: t(1, 'days'), conveneWithin: t(8, 'hours', 'rungStart') },
        penalty: { restoreWithin: t(8, 'hours') },
        signOff: { within: t(24, 'hours', 'rungStart') },
        faultReport: { deliverWithin: t(3, 'days', 'rungStart') },
      },
      minor: {
        triage: { respondWithin: t(2, 'hours') },
        remote: { startWithin: t(2, 'hours'), resolveWithin: t(1, 'days') },
        onsite: { arriveWithin: t(8, 'hours', 'rungStart') },
        spare: { triggerAfter: t(3, 'days'), deliverWithin: t(24, 'hours', 'rungStart') },
        expert: { triggerAfter: t(3, 'days'), conveneWithin: t(1, 'days', 'rungStart') },
        penalty: { restoreWithin: t(5, 'days') },
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
    'Calendar 7×24 Asia/Shanghai (Chengdu): 7×24 IBM service and 24-hour phone support; the letter states no working time.',
    'Classes critical (关键问题: business interrupted), major (重要问题: affects the system, no interruption), minor (普通问题: parameter changes, new functions).',
    'The blanket commitment (2 h response, on site and fixed within 8 h of the report) is applied to critical and major; minor keeps the 2 h response and 8 h arrival (from the dispatch decision) but gets 5 days to restore, since its definition includes adding functions.',
    'critical: 工程师立即前往 (the engineer leaves at once) — remote start and escalation both at 2 h so the dispatch decision is due with the response.',
    'spare (8 h / 24 h; servers and storage, spare parts are promised but no time), expert and sign-off (24 h from restore): the letter is silent.',
    'faultReport.deliverWithin = 3 days from sign-off: the letter promises a written and electronic fault report after each fix without a deadline.',
    'termMonths = 36 (三年免费保修).',
  ],
  unexpressed: [
    'No monetary penalty is stated: contractTerms.penalty is null.',
    "The vendor's service and IBM's factory warranty complement each other and the customer may pick the more favourable one when they conflict: a second, external commitment set the model cannot compare against.",
    'Five further years of service at cost after the warranty, periodic visits during the warranty, training sign-off: outside the ladder.',
  ],
});
