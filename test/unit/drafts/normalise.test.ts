import { NormalisationStepName, normalise } from '../../../src/domain/drafts/normalise';
import { seedText } from './seeds';

function counts(text: string): Record<NormalisationStepName, number> {
  return Object.fromEntries(normalise(text).steps.map((s) => [s.step, s.count])) as Record<NormalisationStepName, number>;
}

describe('normalise', () => {
  it('converts full-width digits and punctuation and keeps the trace to the original characters', () => {
    const original = '响应时间：３０分钟（紧急）；\u3000上门时间不超过２小时。';
    const n = normalise(original);
    expect(n.text.text).toBe('响应时间:30分钟(紧急); 上门时间不超过2小时。');
    const at = n.text.text.indexOf('30分钟');
    const span = n.text.toOriginal({ start: at, end: at + 4 });
    expect(original.slice(span.start, span.end)).toBe('３０分钟');
    expect(n.steps.find((s) => s.step === 'width')).toMatchObject({
      count: 8,
      message: 'converted 8 full-width or no-break characters to half-width',
    });
  });

  it('removes pinyin residue and converts Traditional to Simplified, tracing each character back', () => {
    const original = '服務(wù)承諾函:電話支持人員將立即做出響應(yīng),單位(章)';
    const n = normalise(original);
    expect(n.text.text).toBe('服务承诺函:电话支持人员将立即做出响应,单位(章)');
    const steps = counts(original);
    expect(steps['pinyin-residue']).toBe(2); // (章) is not pinyin
    expect(steps.traditional).toBe(9);
    const at = n.text.text.indexOf('响应');
    const span = n.text.toOriginal({ start: at, end: at + 2 });
    expect(original.slice(span.start, span.end)).toBe('響應'); // the removed "(yīng)" belongs to no kept character
  });

  it('rejoins line-wrapped sentences but not titles, labels or list items', () => {
    const n = normalise(
      '关于软件升级、维护的承\n诺\n服务承诺函\n致:\n一般情况:支持人员将在受到请求之后的1小时内\n做出响应。\n1. 电话咨询\n2. 邮件咨询',
    );
    expect(n.text.text).toBe(
      '关于软件升级、维护的承诺\n服务承诺函\n致:\n一般情况:支持人员将在受到请求之后的1小时内做出响应。\n1. 电话咨询\n2. 邮件咨询',
    );
    const english = normalise('An engineer will be on site within 4\nworking hours.\nUrgent: at once.');
    expect(english.text.text).toBe('An engineer will be on site within 4 working hours.\nUrgent: at once.');
  });

  it('removes web-page boilerplate lines and inline ad calls', () => {
    const original = '- 1、下载文档前请自行甄别文档内容的完整性\n服务承诺书ok3w_ads("s004");\n第1页 / 共7页\n我们承诺2小时内响应。';
    const n = normalise(original);
    expect(n.text.text).toBe('服务承诺书\n我们承诺2小时内响应。');
    expect(counts(original)).toMatchObject({ 'boilerplate-lines': 2, 'boilerplate-inline': 1 });
  });

  it('removes page-chunk markers that cut sentences in two', () => {
    const n = normalise('1、乙方提出关\n\n2、于致远软件的服务请求后,在两个有效工作日内给予响应\n\n3、并提供服务。');
    expect(n.text.text).toBe('乙方提出关于致远软件的服务请求后,在两个有效工作日内给予响应并提供服务。');
  });

  it('says what it did to each seed letter', () => {
    expect(counts(seedText('000'))).toMatchObject({ traditional: 0, 'boilerplate-lines': 3, 'line-joins': 31 });
    expect(counts(seedText('003'))).toMatchObject({ 'pinyin-residue': 171, traditional: 463, 'boilerplate-lines': 2 });
    expect(counts(seedText('004'))).toMatchObject({ width: 71, 'boilerplate-lines': 34, 'page-markers': 11, 'han-spaces': 28 });
    const steps = normalise(seedText('003')).steps;
    expect(steps.find((s) => s.step === 'traditional')?.message).toBe('converted 463 Traditional characters to Simplified');
    expect(steps.find((s) => s.step === 'pinyin-residue')?.spans).toHaveLength(171);
  });

  it('maps every normalised character of every seed into the original, in order', () => {
    for (const key of ['000', '001', '002', '003', '004'] as const) {
      const original = seedText(key);
      const n = normalise(original);
      const problems: string[] = [];
      let last = 0;
      for (let i = 0; i < n.text.length; i++) {
        const span = n.text.toOriginal({ start: i, end: i + 1 });
        if (span.start < last) problems.push(`${key}@${i}: out of order`);
        last = span.start;
        // Characters no step changed slice back to themselves.
        const c = n.text.text[i];
        if (span.end - span.start === 1 && /[0-9A-Za-z。,]/.test(c) && original[span.start] !== c) problems.push(`${key}@${i}: ${c}`);
      }
      expect(problems).toEqual([]);
    }
  });

  it('is deterministic', () => {
    const t = seedText('001');
    expect(normalise(t).text.text).toBe(normalise(t).text.text);
  });
});
