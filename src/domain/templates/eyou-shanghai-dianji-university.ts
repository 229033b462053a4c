/**
 * 服務承諾函 — 北京億中郵信息技術有限公司 (Beijing Eyou) → 上海電機學院, part of
 * technical service contract e-e-201*04-027-014. Seed 003 (traditional
 * characters; the seed carries pinyin annotations such as "服務(wù)" from a
 * conversion, quoted verbatim). Same commitments as the Xinbei letter,
 * including the 0.25 %/day penalty capped at 5 %, but addressed to a named
 * customer and declared an inseparable part of the contract.
 */
import { defineTemplate } from './types';
import { XINBEI_SERVICE_COMMITMENT } from './xinbei-service-commitment';

export const EYOU_SHANGHAI_DIANJI_UNIVERSITY = defineTemplate({
  id: 'eyou-shanghai-dianji-university',
  name: 'Beijing Eyou (Yizhongyou) Information Technology → Shanghai Dianji University — Service Commitment Letter (服務承諾函)',
  source: {
    seedFile: '003_66dcbbb9df272e7e.txt',
    title: '服務(wù)承諾函',
    parties: '北京億中郵信息技術(shù)有限公司 → 上海電機(jī)學(xué)院',
    quotes: [
      '售后技術(shù)支持熱線電話:010-58201*99轉(zhuǎn) 技術(shù)支持部(周一至周五,9:00am 至 18:00 pm),次數(shù)不限.',
      '7×24小時支持熱線:13321128918',
      '2. 非辦公時間請撥打24小時服務(wù)熱線。',
      '3. 服務(wù)的優(yōu)先順序及回應(yīng)時間:撥打電話請求支持時,客戶應(yīng)說明時間優(yōu)先順序:緊急,嚴(yán)重,及不嚴(yán)重:',
      '緊急情況:指系統(tǒng)不能正常使用的情況。電話支持人員將立即做出響應(yīng),并由專人在30分鐘內(nèi)通過遠(yuǎn)程撥號訪問對系統(tǒng)進(jìn)行維護(hù)。',
      '嚴(yán)重情況:指系統(tǒng)受損嚴(yán)重的情況。電話支持人員將立即做出響應(yīng),并由專人在30分鐘內(nèi)通過遠(yuǎn)程撥號訪問對系統(tǒng)問題進(jìn)行解決。',
      '一般情況:支持人員將在受到請求之后的1小時內(nèi)做出響應(yīng)。',
      '5. 遠(yuǎn)程系統(tǒng)監(jiān)測:指億郵公司通過遠(yuǎn)程監(jiān)測工具定期,即每三月一次,從客戶的指定系統(tǒng)采集數(shù)據(jù),進(jìn)行分析并整理成報告提供給客戶。',
      '在合同規(guī)定保證期內(nèi),由于我方原因造成系統(tǒng)服務(wù)中斷,我方承諾兩小時內(nèi)排除故障,恢復(fù)正常服務(wù)。',
      '如不能在承諾時間內(nèi)排除故障,服務(wù)每中斷一天我方向上海電機(jī)學(xué)院支付合同總價的0.25%的違約金,最終違約金不超過合同總價的5%。',
      '1. 協(xié)議任何一方因戰(zhàn)爭、火災(zāi)、水災(zāi)、臺風(fēng)、地震、傳染病、政變等國際慣例視作不可抗力受阻,而無法履行其協(xié)議義務(wù)時,本協(xié)議執(zhí)行時間將延長與上述事故持續(xù)相等日數(shù)。',
      '由于服務(wù)器硬件問題、操作系統(tǒng)問題、誤操作問題、網(wǎng)絡(luò)環(huán)境問題等因素引起的故障,不在億郵公司免費(fèi)維護(hù)范圍之內(nèi)。',
      '此承諾函為上海電機(jī)學(xué)院和北京億中郵信息技術(shù)有限公司簽訂的e-e-201*04-027-014技術(shù)服務(wù)合同不可分割的部分,與合同本身具有同等法律效力',
    ],
  },
  // The same commitments as the Xinbei letter, word for word (in traditional characters).
  calendar: XINBEI_SERVICE_COMMITMENT.calendar,
  policy: XINBEI_SERVICE_COMMITMENT.policy,
  contractTerms: XINBEI_SERVICE_COMMITMENT.contractTerms,
  assumptions: [
    'Calendar 7×24 in Asia/Shanghai: office hours are Mon–Fri 9:00–18:00 but a 7×24 hotline covers the rest, and no commitment is stated in working time.',
    "Severity classes urgent/serious/general follow the letter's priority list 緊急/嚴重/不嚴重 with the 緊急情況/嚴重情況/一般情況 definitions.",
    'triage.respondWithin urgent/serious: the letter says 立即 (immediately) without a number; 5 minutes chosen.',
    'remote.resolveWithin (1 h urgent/serious, 1 day general), remote.startWithin general (4 h) and on-site arrival (4 h / 1 day from the dispatch decision): the letter is silent; on-site service is not mentioned at all.',
    'spare (8 h trigger, 24 h delivery, 3 days for general): the letter is silent (e-mail software service); placeholders because the model requires every rung.',
    'expert (called at the 2 h restore breach for urgent/serious, 2 days for general; convene within 4 h / 1 day): the letter is silent.',
    'penalty.restoreWithin general = 3 days: the 2-hour restore commitment is for a 系統服務中斷 (service interruption); a 一般情況 keeps the system running, so the letter gives it no restore time.',
    'signOff (24 h from restore) and faultReport (3 days from sign-off): the letter is silent.',
    'Penalty: partialPeriod "started" and countFrom "report" — the letter says only 服務每中斷一天; capScope "contract" from 最終違約金不超過合同總價的5%. Currency CNY (not named; Chinese contract).',

    'Exclusion causes as in the Xinbei letter (停電, 進水, ups電力中斷; 服務器硬件, 操作系統, 誤操作, 網絡環境): our labels power, water, ups, server-hardware, os, operator-error, network; its 等因素 is the step\'s "other".',
  ],
  unexpressed: [
    'The penalty applies only to a 系統服務中斷 caused by the vendor (由于我方原因); the model accrues past penalty.restoreWithin for every severity class and has no per-class "no penalty" switch, so a general incident left open past 3 days would accrue. Use exclude for such incidents, or the model needs a per-severity penalty flag.',
    '立即做出響應 (respond immediately) has no number; encoded as 5 minutes.',
    'Force majeure extends the agreement by the number of days the event lasts: expressed at run time by pause/resume, not in the policy.',
    'After a customer power/UPS failure the vendor assists data recovery without guaranteeing 100%: a best-effort duty with no deadline.',
    'Periodic remote monitoring every three months with a report to the customer: the model has no periodic per-contract obligations.',
    'The letter is declared an inseparable part of contract e-e-201*04-027-014: the contract reference belongs to the contract record, not the template.',
  ],
});
