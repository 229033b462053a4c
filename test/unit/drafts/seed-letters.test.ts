/**
 * Each seed letter: the clause as the customer's file has it, and what the
 * reader finds there (kind, value, and offsets that slice exactly that clause
 * out of the original file, Traditional characters and pinyin residue included).
 */
import { splitLetters, normalise } from '../../../src/domain/drafts';
import { expectFinding, values } from './expect-finding';
import { seedDrafts, seedText, templateLetter } from './seeds';

const urgent = { key: '紧急' };
const serious = { key: '严重' };
const general = { key: '一般' };

describe('splitting the seed files into letters', () => {
  it('seed 000 holds three letters (篇一/篇二/篇三) and a page title that is not one', () => {
    const r = seedDrafts('000');
    expect(r.letters.map((l) => l.title)).toEqual(['服务承诺函', '服务承诺书', '维护服务承诺书']);
    expect(r.dropped.map((d) => d.text)).toEqual([
      '关于软件升级、维护的承诺\n- 1、下载文档前请自行甄别文档内容的完整性,平台不提供额外的编辑、内容补充、找答案等附加服务。\n- 2、"仅部分预览"的文档,不可在线预览部分如存在完整性等问题,可反馈申请退款(可完整预览的文档不适用该条件!)。\n- 3、如文档侵犯您的权益,请联系客服反馈,我们会尽快为您处理(人工客服工作时间:9:00-18:30)。\n关于软件升级、维护的承\n诺',
    ]);
    const original = seedText('000');
    expect(original.slice(r.letters[1].span.start, r.letters[1].span.start + 8)).toBe('篇二:服务承诺书');
  });

  it('seed 001 holds eleven letters, the Hengzhong and Jinwei letters behind inline 篇 markers', () => {
    const r = seedDrafts('001');
    expect(r.letters).toHaveLength(11);
    expect(r.letters[2].title).toBe('故障报修响应时间承诺书');
    expect(seedText('001').slice(r.letters[8].span.start).startsWith('篇一:服务承诺书服务部分附件十二')).toBe(true);
  });

  it('seed 002 splits at opening and closing lines: three templated letters, a second software letter and a fragment', () => {
    const r = seedDrafts('002');
    expect(r.letters.map((l) => l.title.slice(0, 10))).toEqual([
      '为了保证**软件开发',
      '1、产品升级服务和系',
      '为做好“民航西南地区',
      '为了保证“xx信息信',
      '1、售后服务部门机构',
    ]);
  });

  it('seed 003 (Traditional, pinyin residue) holds the Eyou letter and two fragments; the related-documents list is dropped', () => {
    const r = seedDrafts('003');
    expect(r.letters.map((l) => l.title)).toEqual(['服务承诺函', '承诺书', '使用软件正版承诺书']);
    expect(r.dropped).toHaveLength(1);
    expect(r.dropped[0].text).toContain('服務(wù)承諾書'); // the original, residue and all
  });

  it('seed 004 is one agreement once the page furniture is gone', () => {
    const r = seedDrafts('004');
    expect(r.letters).toHaveLength(1);
    expect(r.normalisation.find((s) => s.step === 'boilerplate-lines')?.count).toBe(34);
  });

  it('splits sentences with offsets into the normalised text', () => {
    const n = normalise(seedText('000'));
    const letter = splitLetters(n.text.text).letters[0];
    for (const s of letter.sentences) expect(n.text.text.slice(s.start, s.end)).toBe(s.text);
    expect(letter.sentences.map((s) => s.text)).toContain('紧急情况:指系统不能正常使用的情况。');
  });
});

describe('seed 000 篇一 — Xinbei 服务承诺函', () => {
  const letter = templateLetter('xinbei-service-commitment');
  const original = seedText('000');
  const f = (clause: string, expected: Record<string, unknown>) => expectFinding(letter, original, clause, expected);

  it('classes from the priority list and their definitions', () => {
    f('紧急情况:指系统不能正常使用的情况。', {
      kind: 'severity-class',
      class: urgent,
      name: 'urgent',
      definition: '指系统不能正常使用的情况。',
    });
    f('严重情况:指系统受损严重的情况。', { kind: 'severity-class', class: serious, name: 'serious' });
  });

  it('urgent: immediate phone response, remote dial-in within 30 minutes (across a line break)', () => {
    f('立即做出响应', { kind: 'target', slot: 'triage.respond', class: urgent, promise: { kind: 'immediate' } });
    f('30分钟内通过\n远程拨号访问', {
      kind: 'target',
      slot: 'remote.start',
      class: urgent,
      promise: { kind: 'duration', amount: 30, unit: 'minutes' },
    });
    f('30分钟内通过远程\n拨号访问', {
      kind: 'target',
      slot: 'remote.start',
      class: serious,
      promise: { kind: 'duration', amount: 30, unit: 'minutes' },
    });
  });

  it('general: response within 1 hour of the request', () => {
    f('1小时内\n做出响应', {
      kind: 'target',
      slot: 'triage.respond',
      class: general,
      promise: { kind: 'duration', amount: 1, unit: 'hours' },
      anchor: 'report',
    });
  });

  it('office hours 周一至周五 9:00–18:00 and a 7×24 hotline', () => {
    f('周一至周五,9:00am 至18:00 pm', {
      kind: 'calendar',
      weekdays: { from: 'monday', to: 'friday' },
      hours: { open: '09:00', close: '18:00' },
      scope: 'hotline',
    });
    f('7×24小时', { kind: 'calendar', daysPerWeek: 7, hoursPerDay: 24, scope: 'hotline' });
  });

  it('quarterly remote monitoring with a report', () => {
    f('每三月一次', {
      kind: 'obligation',
      name: 'remote monitoring report',
      recurrence: { every: { amount: 3, unit: 'months' }, times: 1 },
    });
  });

  it('restore within two hours for a vendor-caused interruption, 0.25 % a day, capped at 5 %', () => {
    f('两小时内排除故障', { kind: 'target', slot: 'restore', class: null, promise: { kind: 'duration', amount: 2, unit: 'hours' } });
    f('由于我方原因', { kind: 'penalty-condition', condition: 'vendor-caused' });
    f('每中断一天我方向XXXX单位支付合同总价的0.25%', {
      kind: 'penalty-rate',
      fraction: '0.0025',
      per: { amount: 1, unit: 'days' },
      basis: 'contract-total',
    });
    f('不超过合同总价的5%', { kind: 'penalty-cap', fraction: '0.05', basis: 'contract-total', cumulative: true });
  });

  it('force majeure extends by the days it lasts; customer-caused causes are excluded', () => {
    const fm = letter.findings.find((x) => x.kind === 'force-majeure');
    expect(fm).toMatchObject({ effect: 'extend-deadlines' });
    expect(fm?.source.text).toContain('延长与上述事故持续相等日数');
    for (const [clause, cause] of [
      ['停电', 'power'],
      ['进水', 'water'],
      ['UPS', 'ups'],
      ['服务器硬件', 'customer-hardware'],
      ['操作系统', 'operating-system'],
      ['误操作', 'operator-error'],
      ['网络环境', 'network'],
    ] as const) {
      f(clause, { kind: 'exclusion', cause });
    }
  });

  it('finds nothing it cannot place: no gaps in this letter', () => {
    expect(values(letter, 'gap')).toEqual([]);
  });
});

describe('seed 000 篇二 — Jinwei, Dagang hospital', () => {
  const letter = templateLetter('jinwei-shoujia-dagang-hospital');
  const original = seedText('000');
  const f = (clause: string, expected: Record<string, unknown>) => expectFinding(letter, original, clause, expected);

  it('fault classes 重大/严重/一般故障', () => {
    f('重大故障:造成系统崩溃和系统不能正常运行。', { kind: 'severity-class', class: { key: '重大' } });
    f('严重故障:系统功能运行不能满足用户要求,影响了多数用户使用。', { kind: 'severity-class', class: { key: '严重' } });
    f('一般故障:有故障但不影响系统正常运行。', { kind: 'severity-class', class: { key: '一般' } });
  });

  it('5×8 immediate response and 7×24 emergency response (a per-class calendar)', () => {
    f('5×8小时', { kind: 'calendar', daysPerWeek: 5, hoursPerDay: 8 });
    const emergency = letter.findings.filter((x) => x.kind === 'calendar' && x.daysPerWeek === 7);
    expect(emergency.map((x) => original.slice(x.source.span.start, x.source.span.end))).toEqual(['7×24小时', '7×24小时']);
    expect(emergency[1]).toMatchObject({ class: { key: '紧急' } });
  });

  it('紧急需求: 30 minutes, on site within 4 hours of the notice, solved within 1 working day (rejoined "1个工作\\n日")', () => {
    const need = { key: '紧急', label: '紧急需求' };
    f('30分钟做出响应', {
      kind: 'target',
      slot: 'triage.respond',
      class: need,
      promise: { kind: 'duration', amount: 30, unit: 'minutes' },
      anchor: 'report',
    });
    f('4小时内到达现场', {
      kind: 'target',
      slot: 'onsite.arrive',
      class: need,
      promise: { kind: 'duration', amount: 4, unit: 'hours' },
      anchor: 'report',
    });
    f('1个工作\n日内解决问题', {
      kind: 'target',
      slot: 'restore',
      class: need,
      promise: { kind: 'duration', amount: 1, unit: 'workingDays' },
    });
  });

  it('change requests: 二次开发 reply 3 and deliver 15 working days, HIS replacement reply 1 working day, questions 3', () => {
    f('3个工作日内答复', {
      kind: 'change-request',
      request: '二次开发',
      step: 'reply',
      promise: { kind: 'duration', amount: 3, unit: 'workingDays' },
    });
    expect(values(letter, 'change-request')).toContainEqual({
      kind: 'change-request',
      request: '二次开发',
      step: 'deliver',
      promise: { kind: 'duration', amount: 15, unit: 'workingDays' },
    });
    f('1个工作日回\n应', {
      kind: 'change-request',
      request: '更换HIS系统',
      step: 'reply',
      promise: { kind: 'duration', amount: 1, unit: 'workingDays' },
    });
    f('三个工作日回复', { kind: 'change-request', request: '咨询类问题', step: 'reply' });
  });

  it('inspections twice a year; an engineer stationed on site for two weeks after go-live', () => {
    f('每年两次', { kind: 'obligation', name: 'inspection', recurrence: { every: { amount: 1, unit: 'years' }, times: 2 } });
    f('两个星期内,本公司将派驻', { kind: 'obligation', name: 'engineer stationed on site', within: { amount: 2, unit: 'weeks' } });
  });
});

describe('seed 000 篇三 — maintenance service commitment', () => {
  const letter = templateLetter('maintenance-service-commitment');
  const original = seedText('000');
  const f = (clause: string, expected: Record<string, unknown>) => expectFinding(letter, original, clause, expected);

  it('not solved by phone within 2 hours of the request → on site', () => {
    f('2小时内,若电话咨询服务不能解决问题,乙方应即刻指派', {
      kind: 'target',
      slot: 'remote.escalate',
      promise: { kind: 'duration', amount: 2, unit: 'hours' },
    });
    f('即刻指派', { kind: 'extra-commitment', name: 'engineer dispatched', promise: { kind: 'immediate' } });
  });

  it('major technical problems: experts convened, measures within 4 hours', () => {
    f('组织有关技术专家进行会诊,并在4小时', {
      kind: 'target',
      slot: 'expert.convene',
      class: { key: '重大' },
      promise: { kind: 'duration', amount: 4, unit: 'hours' },
    });
  });

  it('general problems solved the same day (an end-of-day deadline)', () => {
    f('当日内予以解决', { kind: 'target', slot: 'restore', class: general, promise: { kind: 'same-day' } });
  });

  it('no response within two working days → liable for the losses (an extra commitment with a consequence)', () => {
    f('两个工作日未做出响应,乙方必须对由于故障所造成的损失负责', {
      kind: 'extra-commitment',
      slot: 'triage.respond',
      promise: { kind: 'duration', amount: 2, unit: 'workingDays' },
      consequence: 'liable-for-losses',
    });
  });

  it('on site within 24 hours of agreeing the time; the term "X年" is left blank', () => {
    f('24小时内与甲方协商现场解决', { kind: 'target', slot: 'onsite.arrive', promise: { kind: 'duration', amount: 24, unit: 'hours' } });
    f('免费技术服务', { kind: 'term', months: null });
  });
});

describe('seed 001 — fault repair response letter', () => {
  const letter = templateLetter('fault-repair-response');
  const original = seedText('001');
  const f = (clause: string, expected: Record<string, unknown>) => expectFinding(letter, original, clause, expected);

  it('response within 1 hour; general faults: a solution within 24 hours; urgent: on site within 4 hours', () => {
    f('1小时内给予响应', {
      kind: 'target',
      slot: 'triage.respond',
      class: null,
      promise: { kind: 'duration', amount: 1, unit: 'hours' },
      anchor: 'report',
    });
    f('24小时内提供解决方案', { kind: 'extra-commitment', name: 'solution proposed', class: { key: '一般', label: '一般性故障' } });
    f('4小时内派遣技术人员到达现场', {
      kind: 'target',
      slot: 'onsite.arrive',
      class: { key: '紧急', label: '紧急故障' },
      anchor: 'report',
    });
  });

  it('progress updates during the fault (no cadence) and a fault report after it', () => {
    f('及时更新故障处理进展', { kind: 'progress-updates', every: null });
  });

  it('force majeure: no liability; faults from not following the manual excluded', () => {
    expect(values(letter, 'force-majeure')).toEqual([{ kind: 'force-majeure', effect: 'no-liability' }]);
    f('未按照产品使用说明操作', { kind: 'exclusion', cause: 'operator-error' });
  });
});

describe('seed 001 篇一 — Hengzhong Lihe, Jinning broadcast system', () => {
  const letter = templateLetter('hengzhong-lihe-jinning-broadcast');
  const original = seedText('001');
  const f = (clause: string, expected: Record<string, unknown>) => expectFinding(letter, original, clause, expected);

  it('response ≤ 1 h, on site ≤ 2 h, named times ("响应时间不超过")', () => {
    f('响应时间不超过1小时', {
      kind: 'target',
      slot: 'triage.respond',
      promise: { kind: 'duration', amount: 1, unit: 'hours' },
      anchor: 'report',
    });
    f('到达现场时间不超过2小时', {
      kind: 'target',
      slot: 'onsite.arrive',
      promise: { kind: 'duration', amount: 2, unit: 'hours' },
      anchor: 'report',
    });
  });

  it('not cleared within 8 h → a spare within 24 h of that', () => {
    f('8小时内无法排除,供应商应在24小时内提供不低于故障产品档次的备用产品', {
      kind: 'target',
      slot: 'spare.trigger',
      promise: { kind: 'duration', amount: 8, unit: 'hours' },
    });
    f('24小时内提供不低于故障产品档次的备用产品', {
      kind: 'target',
      slot: 'spare.deliver',
      promise: { kind: 'duration', amount: 24, unit: 'hours' },
      anchor: 'previous-step',
    });
  });

  it('a definite answer within 8 hours (extra commitment) and a 3-year warranty', () => {
    f('8小时作出明确答复', { kind: 'extra-commitment', name: 'definite answer', promise: { kind: 'duration', amount: 8, unit: 'hours' } });
    f('质保期:货物验收合格后,提供3年', { kind: 'term', months: 36 });
  });
});

describe('seed 002 — 60-month software maintenance, CAAC servers, Ningxia expressway', () => {
  const original = seedText('002');

  it('software: 30 min response, general problems in a day, major in three, system faults running again in 12 h', () => {
    const letter = templateLetter('software-project-60-month-maintenance');
    const f = (clause: string, expected: Record<string, unknown>) => expectFinding(letter, original, clause, expected);
    f('免费维护60个月', { kind: 'term', months: 60 });
    f('30分钟内响应', { kind: 'target', slot: 'triage.respond', promise: { kind: 'duration', amount: 30, unit: 'minutes' } });
    f('一天内解决', { kind: 'target', slot: 'restore', class: { key: '一般' }, promise: { kind: 'duration', amount: 1, unit: 'days' } });
    f('三天内解决', { kind: 'target', slot: 'restore', class: { key: '重大' }, promise: { kind: 'duration', amount: 3, unit: 'days' } });
    f('12小时内恢复运行', { kind: 'target', slot: 'restore', class: null, promise: { kind: 'duration', amount: 12, unit: 'hours' } });
    f('7*24小时', { kind: 'calendar', daysPerWeek: 7, hoursPerDay: 24 });
    f('费用由我方负责', { kind: 'remedy', remedy: 'cost-deduction' });
  });

  it('CAAC: classes from headings 1.关键问题 / 2.重要问题 / 3.普通问题, blanket 2 h response and 8 h on site', () => {
    const letter = templateLetter('caac-southwest-network-servers');
    const f = (clause: string, expected: Record<string, unknown>) => expectFinding(letter, original, clause, expected);
    f('1.关键问题', { kind: 'severity-class', class: { key: '关键' }, name: 'critical' });
    f('3.普通问题', { kind: 'severity-class', class: { key: '普通' }, name: 'minor' });
    f('2小时内做出响应', { kind: 'target', slot: 'triage.respond', class: null, anchor: 'report' });
    f('8小时内到达用户现场', {
      kind: 'target',
      slot: 'onsite.arrive',
      class: null,
      promise: { kind: 'duration', amount: 8, unit: 'hours' },
      anchor: 'report',
    });
    f('2小时内响应', { kind: 'target', slot: 'triage.respond', class: { key: '普通' } });
    f('立即前往', { kind: 'extra-commitment', name: 'engineer dispatched', class: { key: '关键' }, promise: { kind: 'immediate' } });
    f('三年免费保修', { kind: 'term', months: 36 });
  });

  it('Ningxia: duty hours 08:00–24:00, on site in 8 h, repaired in 24 h, signed record within 24 h of registration', () => {
    const letter = templateLetter('ningxia-expressway-monitoring');
    const f = (clause: string, expected: Record<string, unknown>) => expectFinding(letter, original, clause, expected);
    f('早8:00至晚12:00', { kind: 'calendar', hours: { open: '08:00', close: '24:00' }, scope: 'duty' });
    f('8小时内派维护人员到达维修现场', { kind: 'target', slot: 'onsite.arrive', promise: { kind: 'duration', amount: 8, unit: 'hours' } });
    f('24小时及时修复故障', { kind: 'target', slot: 'restore', promise: { kind: 'duration', amount: 24, unit: 'hours' } });
    f('签认维修维护记录”的流程必须在24小时', {
      kind: 'target',
      slot: 'signOff',
      promise: { kind: 'duration', amount: 24, unit: 'hours' },
      anchor: 'report',
    });
    f('定期巡视', { kind: 'obligation', name: 'patrol', recurrence: null });
    f('错误使用', { kind: 'exclusion', cause: 'operator-error' });
  });
});

describe('seed 003 — Eyou, Traditional Chinese with pinyin residue', () => {
  const letter = templateLetter('eyou-shanghai-dianji-university');
  const original = seedText('003');
  const f = (clause: string, expected: Record<string, unknown>) => expectFinding(letter, original, clause, expected);

  it('provenance points at the Traditional characters and the residue the user pasted', () => {
    f('30分鐘內(nèi)通過遠(yuǎn)程撥號訪問', {
      kind: 'target',
      slot: 'remote.start',
      class: urgent,
      promise: { kind: 'duration', amount: 30, unit: 'minutes' },
    });
    f('1小時內(nèi)做出響應', {
      kind: 'target',
      slot: 'triage.respond',
      class: general,
      promise: { kind: 'duration', amount: 1, unit: 'hours' },
    });
    f('兩小時內(nèi)排除故障', { kind: 'target', slot: 'restore', promise: { kind: 'duration', amount: 2, unit: 'hours' } });
    f('每中斷一天我方向上海電機(jī)學(xué)院支付合同總價的0.25%', { kind: 'penalty-rate', fraction: '0.0025' });
    f('不超過合同總價的5%', { kind: 'penalty-cap', fraction: '0.05' });
    f('嚴(yán)重情況:指系統(tǒng)受損嚴(yán)重的情況。', { kind: 'severity-class', class: { key: '严重', label: '严重情况' } });
    f('ups', { kind: 'exclusion', cause: 'ups' });
    f('網(wǎng)絡(luò)環(huán)境', { kind: 'exclusion', cause: 'network' });
  });

  it('reads the same commitments as its Simplified twin (seed 000 篇一)', () => {
    const twin = templateLetter('xinbei-service-commitment');
    const kinds = (l: typeof letter) => values(l).filter((v: any) => v.kind !== 'severity-class' && v.kind !== 'force-majeure');
    expect(kinds(letter)).toEqual(kinds(twin));
  });
});

describe('seed 004 — Seeyon maintenance agreement (a service table)', () => {
  const letter = templateLetter('seeyon-maintenance-agreement');
  const original = seedText('004');
  const f = (clause: string, expected: Record<string, unknown>) => expectFinding(letter, original, clause, expected);

  it('response within two effective working days, read across a page-chunk marker', () => {
    f('两个有效工作日内给予响应', {
      kind: 'target',
      slot: 'triage.respond',
      promise: { kind: 'duration', amount: 2, unit: 'workingDays' },
    });
    const sentence = letter.findings.find((x) => x.source.text === '两个有效工作日内给予响应')!.source.sentence.text;
    expect(sentence).toContain('提出关\n\n3、于致远软件的服务请求后');
  });

  it('table rows: remote support 4 working hours, standard on-site 16 working hours, urgent on-site add-on on 7×24', () => {
    const cells = letter.findings.filter((x) => x.kind === 'target' && x.source.text.startsWith('响应时间'));
    expect(cells.map((x) => [x.source.text, (x as any).slot, (x as any).class?.key ?? null])).toEqual([
      ['响应时间:4工作小时', 'remote.start', null],
      ['响应时间:16工作小时', 'onsite.arrive', null],
      ['响应时间:4工作小时', 'onsite.arrive', '紧急'],
    ]);
    f('7天*24小时', { kind: 'calendar', daysPerWeek: 7, hoursPerDay: 24, class: { key: '紧急' } });
    f('响应时间:8小时', { kind: 'extra-commitment', name: '现场专属服务: response' });
  });

  it('appropriate compensation, a yearly phone-support report, customer-caused causes', () => {
    f('适当的经济补偿', { kind: 'remedy', remedy: 'appropriate-compensation' });
    f('每年提供一次', { kind: 'obligation', name: 'yearly support report' });
    f('病毒', { kind: 'exclusion', cause: 'virus' });
    f('有效期限为一年', { kind: 'term', months: 12 });
  });
});
