/**
 * 维护服务承诺书 — vendor not named (乙方). Seed 000 篇三.
 * Phone consultation first; not solved within 2 h of the request → an
 * engineer is sent on site at once; a major technical problem → experts
 * convened and measures taken within 4 h; general problems solved the same
 * day; no response within two working days → the vendor is liable for losses.
 */
import { calendar5x8, defineTemplate, t } from './types';

export const MAINTENANCE_SERVICE_COMMITMENT = defineTemplate({
  id: 'maintenance-service-commitment',
  name: 'Maintenance Service Commitment Letter, vendor unnamed (维护服务承诺书)',
  source: {
    seedFile: '000_33c8bb4153464f28.txt',
    title: '维护服务承诺书(篇三)',
    parties: '乙方 → 甲方 (not named)',
    quotes: [
      '在项目终验完成后,需提供X年的免费技术服务。',
      '3. 现场服务:对于甲方使用软件中提出的软件技术或使用问题,一般问题保证在当日内予以解决。',
      '自收到甲方的服务请求起2小时内,若电话咨询服务不能解决问题,乙方应即刻指派技术人员赶赴现场进行故障处理。',
      '遇到重大技术问题,乙方应及时组织有关技术专家进行会诊,并在4小时内采取相应措施以确保系统的正常运行。',
      '如果乙方在接到通知后的两个工作日未做出响应,乙方必须对由于故障所造成的损失负责。',
      '3. 现场技术服务,乙方在24小时内与甲方协商现场解决时间,技术工程师将在此时间内到达现场解决问题;',
      '4. 如遇当场无法解决的问题,将与甲方协商下一次服务的时间和方案。',
    ],
  },
  calendar: calendar5x8('Asia/Shanghai', '09:00', '18:00'),
  policy: {
    severities: {
      major: {
        triage: { respondWithin: t(2, 'workingDays') },
        remote: { startWithin: t(1, 'hours'), resolveWithin: t(2, 'hours') },
        onsite: { arriveWithin: t(24, 'hours', 'rungStart') },
        spare: { triggerAfter: t(8, 'hours'), deliverWithin: t(24, 'hours', 'rungStart') },
        expert: { triggerAfter: t(2, 'hours'), conveneWithin: t(4, 'hours', 'rungStart') },
        penalty: { restoreWithin: t(1, 'workingDays') },
        signOff: { within: t(1, 'workingDays', 'rungStart') },
        faultReport: { deliverWithin: t(3, 'workingDays', 'rungStart') },
      },
      general: {
        triage: { respondWithin: t(2, 'workingDays') },
        remote: { startWithin: t(1, 'hours'), resolveWithin: t(2, 'hours') },
        onsite: { arriveWithin: t(24, 'hours', 'rungStart') },
        spare: { triggerAfter: t(2, 'workingDays'), deliverWithin: t(2, 'workingDays', 'rungStart') },
        expert: { triggerAfter: t(1, 'workingDays'), conveneWithin: t(4, 'hours', 'rungStart') },
        penalty: { restoreWithin: t(1, 'workingDays') },
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
    'Calendar 5×8 Mon–Fri 09:00–18:00 Asia/Shanghai: the letter counts 工作日 but states no hours or zone.',
    'Severity classes major (重大技术问题) / general (一般问题): the letter has no formal classes, only these two words.',
    "triage.respondWithin = 2 working days is the letter's only response deadline (the liability threshold); in practice the phone consultation inside the 2-hour window answers sooner.",
    "remote = the phone consultation: started within 1 h (assumed), not solved within 2 h of the request → on site (the letter's 2 hours, counted from the request).",
    'onsite.arriveWithin = 24 h from the dispatch decision: the letter gives 24 h to agree the on-site time with the customer, then the engineer arrives "within this time"; read as 24 h.',
    'expert.conveneWithin = 4 h from the moment experts are called (rungStart), reading 4小时内采取相应措施 as "experts convene and act within 4 h"; the letter may mean 4 h from the request. triggerAfter (2 h major, 1 working day general) is assumed: the engineer can also flag a major problem at any time.',
    'penalty.restoreWithin = 1 working day for both classes: "same day" for general problems (approximated), nothing stated for major ones.',
    'spare (software; placeholder), sign-off (1 working day from restore) and fault report (3 working days from sign-off): the letter is silent.',
    'The free-service term is "X年" (left blank in the letter), so termMonths is left out.',
  ],
  unexpressed: [
    'No monetary penalty rate: the vendor is liable for the losses the fault caused when it has not responded within two working days (损失负责) — a damages clause, not a rate; contractTerms.penalty is null.',
    '一般问题保证在当日内予以解决: "by the end of the same day" is a calendar-day boundary, not a duration; approximated as 1 working day.',
    'The on-site time is negotiated with the customer per incident (协商现场解决时间) and so is the next visit when the problem cannot be solved on the spot (协商下一次服务的时间和方案): per-incident agreed deadlines cannot be held in a policy.',
    'Two response clocks (the 2-hour phone window and the 2-working-day liability limit) collapse into one triage target.',
  ],
});
