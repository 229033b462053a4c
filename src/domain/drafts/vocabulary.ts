/**
 * The words the letters use, Chinese (Simplified, after normalisation) and
 * English: which step of the ladder a phrase names, severity class words,
 * exclusion causes, remedies and recurring duties. Data only; the patterns
 * that combine them live in read-letter.ts.
 */
import { ExclusionCause, LetterSlot, Remedy } from './findings';

/** A phrase naming what a time is for. Listed most specific first; the earliest match in a clause wins. */
export interface Action {
  pattern: RegExp;
  /** A ladder step, or one of the non-ladder commitments. */
  means: LetterSlot | 'answer' | 'solution' | 'dispatch' | 'station' | 'progress';
}

export const ACTIONS: readonly Action[] = [
  { pattern: /明确答复|definite answer/i, means: 'answer' },
  { pattern: /(?:提出|提供|给出|得到)(?:明确|详细的)?解决方案|\b(?:a |propose a )?(?:solution|workaround)\b/i, means: 'solution' },
  { pattern: /派驻|驻点|驻场|stationed on[- ]site/i, means: 'station' },
  { pattern: /更新[^,。;]{0,6}进展|处理进展|\b(?:progress|status) updates?\b|\binformed of (?:the )?progress\b/i, means: 'progress' },
  { pattern: /签字确认|签认|签字|\bsign(?:s|ed)?[- ]off\b|\bcountersign/i, means: 'signOff' },
  { pattern: /故障报告|详细报告|书面报告|\b(?:fault|incident|root[- ]cause|post[- ]incident) report\b/i, means: 'faultReport' },
  { pattern: /专家(?:进行)?会诊|组织[^,。;]{0,8}专家|专家|\bexperts?\b|\bspecialists?\b/i, means: 'expert.convene' },
  {
    pattern: /备用(?:产品|设备|机)|备品备件|备机|备件|\bspare (?:unit|part|device|equipment)s?\b|\breplacement unit\b|\bloan unit\b/i,
    means: 'spare.deliver',
  },
  {
    pattern:
      /到达(?:故障|用户|维修|客户)?现场|赶赴现场|上门|到场|现场(?:处理|服务|维护|支援|解决)?|\bon[- ]?site\b|\bat (?:the )?customer'?s? (?:site|premises)\b/i,
    means: 'onsite.arrive',
  },
  {
    pattern: /远程(?:拨号)?(?:访问|登录|接入|支持|调试|诊断|维护|连接)?|\bremote(?:ly)?\b|\bdial[- ]in\b/i,
    means: 'remote.start',
  },
  {
    pattern:
      /排除故障|故障排除|恢复(?:正常)?(?:服务|运行)|恢复正常|修复(?:故障)?|解决问题|予以解决|解决|完成服务|彻底维修|\brestor(?:e|ed|ation)\b|\bresolv(?:e|ed|ution)\b|\bfix(?:ed)?\b|\brepair(?:ed)?\b|\bback in service\b/i,
    means: 'restore',
  },
  {
    pattern:
      /(?:做出|作出|给予|予以|提供)?(?:初步|紧急)?响应|回应|接听|回复|答复|\brespon(?:d|se|ds)\b|\backnowledg(?:e|es|ed|ement)\b|\banswer(?:ed|s)?\b|\brepl(?:y|ies)\b|\bcall(?:s)? back\b/i,
    means: 'triage.respond',
  },
  { pattern: /前往|指派|派遣|派出|派员|安排[^,。;]{0,4}(?:工程师|人员)|\bdispatch(?:ed)?\b|\bsend an engineer\b/i, means: 'dispatch' },
];

/** "…不能解决 / 无法排除 / not resolved": what happens when a step fails (a trigger, not a target). */
export const NOT_RESOLVED =
  /(?:无法|不能|未能|未)(?:排除|解决|修复|恢复)|\b(?:not|cannot|can't|unable to be|fails? to be|isn't|is not)\s+(?:be\s+)?(?:restored|resolved|fixed|repaired)\b/i;
/** "…未做出响应 / no response": a missed response that carries a consequence. */
export const NOT_RESPONDED =
  /(?:未|没有|无)(?:做出|作出|给予)?(?:响应|回应|答复)|\b(?:no response|not respond(?:ed)?|fails? to respond)\b/i;

/** Counted from the report: "接到用户通知后", "用户报修后", "收到…请求起", "from the call". */
export const FROM_REPORT =
  /(?:接到|收到|受到)[^,。;]{0,16}(?:通知|请求|报修|要求|电话|需求)[^,。;]{0,3}(?:后|起|之后)|报修后|登记|\bfrom (?:the )?(?:call|report|notification|ticket)\b|\bof (?:the )?(?:call|report|notification)\b|\bafter (?:the )?(?:call|report|notification)\b|\bof being (?:notified|called)\b/i;

/** Severity class words: key → canonical English name. */
export const CLASS_WORDS: Record<string, string> = {
  致命: 'critical',
  紧急: 'urgent',
  加急: 'urgent',
  关键: 'critical',
  重大: 'major',
  严重: 'serious',
  重要: 'major',
  一般: 'general',
  一般性: 'general',
  不严重: 'general',
  普通: 'minor',
  轻微: 'minor',
  urgent: 'urgent',
  critical: 'critical',
  serious: 'serious',
  major: 'major',
  high: 'high',
  medium: 'medium',
  normal: 'normal',
  minor: 'minor',
  general: 'general',
  low: 'low',
  p1: 'p1',
  p2: 'p2',
  p3: 'p3',
  p4: 'p4',
};

const ZH_CLASS_ROOT = '(致命|紧急|加急|关键|重大|不严重|严重|重要|一般性|一般|普通|轻微)';
const ZH_CLASS_SUFFIX = '(情况|事件|故障|技术问题|问题|需求|服务请求|请求)';
/** "紧急情况", "重大故障", "一般问题": a class word with what it classifies. */
export const ZH_CLASS_LABEL = new RegExp(`${ZH_CLASS_ROOT}${ZH_CLASS_SUFFIX}`, 'g');
/** "Urgent faults", "critical incidents", "P1 issues", "severity 1". */
export const EN_CLASS_LABEL =
  /\b(urgent|critical|serious|major|high|medium|normal|minor|general|low|p[1-4])(?:[- ]priority)?\s+(faults?|issues?|incidents?|problems?|requests?|cases?|tickets?)\b/gi;
/** A definition at the start of a sentence: "紧急情况:指…", "Critical (P1):", "Urgent: …". */
export const CLASS_DEFINITION = new RegExp(
  `^[\\s?•·*\\-]*(?:\\d+[.、)]\\s*)?(?:${ZH_CLASS_ROOT}${ZH_CLASS_SUFFIX}?|(urgent|critical|serious|major|high|medium|normal|minor|general|low|p[1-4])(?:\\s+(?:faults?|issues?|incidents?|problems?|requests?))?(?:\\s*\\([^)]*\\))?)\\s*[::]`,
  'i',
);
/** A heading that names a class: "1.关键问题", "2.重要问题". */
export const CLASS_HEADING = new RegExp(`^\\s*\\d+[.、]\\s*${ZH_CLASS_ROOT}${ZH_CLASS_SUFFIX}\\s*$`);

/** Labels of requests that are not faults (change requests, questions). */
export const REQUEST_LABEL =
  /^[\s?•·*-]*(?:[一二三四五六七八九十]+、|\d+[.、)])?\s*(?:对于?)?([^,。;:]{0,12}?(?:二次开发|开发的需求|更换[^,。;:]{0,10}(?:系统|软件)|咨询类问题|建议和需求|change requests?|feature requests?|enhancement requests?|questions?))/i;

export const EXCLUSION_CONTEXT =
  /不在[^。]{0,14}范围|免责|不承担|除外|不属于[^。]{0,6}范围|不享受|无法享受|加收服务费|由客户承担|不承诺|责任限制|\bexcluded\b|\bexclusions?\b|\bnot (?:be )?(?:liable|responsible|covered)\b|\bdo(?:es)? not apply\b/i;

export const EXCLUSION_WORDS: readonly { pattern: RegExp; cause: ExclusionCause }[] = [
  { pattern: /停电|电力中断|power (?:failure|outage|cut)s?/gi, cause: 'power' },
  { pattern: /进水|water (?:damage|ingress|leak)s?|flooding/gi, cause: 'water' },
  { pattern: /ups/gi, cause: 'ups' },
  { pattern: /服务器硬件|硬件问题|硬件出现故障|硬件故障|(?:customer'?s? )?(?:own )?hardware/gi, cause: 'customer-hardware' },
  { pattern: /操作系统|operating system/gi, cause: 'operating-system' },
  {
    pattern: /误操作|非法操作|错误使用|滥用|未按照[^,。;]{0,14}操作|操作不当|operator errors?|misuse|incorrect (?:use|operation)/gi,
    cause: 'operator-error',
  },
  { pattern: /网络环境|网络问题|network (?:environment|problems?|issues?|failures?)/gi, cause: 'network' },
  { pattern: /病毒|virus(?:es)?|malware/gi, cause: 'virus' },
  { pattern: /人为损坏|擅自拆卸|改装|未经授权|unauthori[sz]ed (?:changes?|modifications?|repairs?)/gi, cause: 'unauthorised-change' },
  { pattern: /自然灾害|不可抗拒|不可抗力|意外事故|force majeure|natural disasters?/gi, cause: 'force-majeure' },
  { pattern: /非本公司原因|not caused by (?:us|the vendor|the supplier)/gi, cause: 'not-vendor-caused' },
];

export const FORCE_MAJEURE = /不可抗力|不可抗拒|force majeure/i;
export const EXTENDS = /延长|顺延|\bextend(?:s|ed)?\b|\bsuspend(?:s|ed)?\b|\bpaused?\b/i;
export const NO_LIABILITY = /不承担|免责|\bnot (?:be )?liable\b|\bno liability\b/i;

export const PENALTY_WORDS = /违约金|罚金|赔偿金|\bpenalt(?:y|ies)\b|\bliquidated damages\b|\bservice credits?\b/i;
export const PER_PERIOD =
  /每(?:中断|延误|逾期)?(?:一|1)?(?:天|日)|每日|\bper (?:calendar )?day\b|\bfor each (?:full |started )?day\b|\beach day\b|\bdaily\b/i;
export const CAP_WORDS = /不超过|最高|上限|不得超过|封顶|\bcap(?:ped)?\b|\bnot (?:to )?exceed\b|\bmaximum\b|\bat most\b|\bup to\b/i;
export const CUMULATIVE = /最终|累计|总额|合计|\bin total\b|\baggregate\b|\btotal(?:ling)? (?:of )?(?:all )?penalt/i;
export const CONTRACT_TOTAL =
  /合同总价|合同总额|合同金额|合同价款|\bcontract (?:total|value|price|amount|sum)\b|\btotal contract (?:value|price)\b/i;
export const VENDOR_CAUSED =
  /由于我方原因|因我方原因|由于乙方原因|因乙方原因|\bvendor[- ]caused\b|\bcaused by (?:us|the vendor|the supplier|our)\b|\bdue to (?:us|our|the vendor)\b/i;

export const REMEDY_WORDS: readonly { pattern: RegExp; remedy: Remedy }[] = [
  { pattern: /损失负责|赔偿[^,。;]{0,4}损失|\bliable for (?:the |any )?(?:losses|damages)\b/i, remedy: 'liable-for-losses' },
  { pattern: /适当的经济补偿|经济补偿|\bappropriate compensation\b/i, remedy: 'appropriate-compensation' },
  { pattern: /在合同经费中扣除|费用由我方负责|\bdeducted from the contract\b/i, remedy: 'cost-deduction' },
  { pattern: /承担相应的违约责任|按照合同约定进行赔偿|\bas the contract provides\b/i, remedy: 'per-contract' },
];

/** What a free-service / warranty term is called, for "提供3年质保", "免费维护60个月", "合同有效期限为一年". */
export const TERM_WORDS =
  /质保|保修|免费维护|维护期|有效期限|免费技术服务|warranty|maintenance term|free maintenance|term of (?:this|the) (?:agreement|contract)/i;
export const AFTER_TERM = /期满后|之后|以后|保修期后|质保期后|after (?:the )?(?:warranty|term)/i;

/** Recurring duties by what they deliver. */
export const DUTY_WORDS: readonly { pattern: RegExp; name: string }[] = [
  { pattern: /远程[^,。;]{0,6}监测|监测[^。]{0,30}报告|remote monitoring/i, name: 'remote monitoring report' },
  { pattern: /巡检|inspections?/i, name: 'inspection' },
  { pattern: /巡视|patrols?/i, name: 'patrol' },
  { pattern: /年报|yearly report|annual report/i, name: 'yearly support report' },
  { pattern: /安全检测|安全检查|security checks?/i, name: 'data-security check' },
  { pattern: /体检|health checks?/i, name: 'system health check' },
  { pattern: /回访|访问用户|customer visits?|site visits?/i, name: 'customer visit' },
  { pattern: /跟踪|follow[- ]ups?/i, name: 'follow-up' },
  { pattern: /汇报|报告|reports?/i, name: 'report' },
];
export const PERIODIC = /定期|\bperiodic(?:ally)?\b|\bregular(?:ly)?\b/i;

/** A service-catalogue row naming a step: "远程支持", "标准现场服务", "现场加急特殊服务", "VIP热线". */
export const SERVICE_ROW = /(?:VIP)?(?:热线|远程|现场)[\u4e00-\u9fff]{0,6}?(?:服务|支持)|VIP热线/g;
/** A table cell giving a row's times: "响应时间:4工作小时", "服务时间:5天*8小时". */
export const ROW_RESPONSE_CELL = /(?:^|\d、|\s)响应时间[::]\s*$/;
