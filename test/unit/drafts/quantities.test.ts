import { Quantity, scanQuantities } from '../../../src/domain/drafts/quantities';

/** The quantities of a text without their spans, plus the text each span covers. */
function read(text: string): unknown[] {
  return scanQuantities(text).map((q: Quantity) => {
    const { span, ...value } = q;
    return { ...value, text: text.slice(span.start, span.end) };
  });
}

describe('scanQuantities: durations', () => {
  it.each([
    ['半小时内响应', { kind: 'duration', amount: 30, unit: 'minutes', text: '半小时' }],
    ['两个工作日内', { kind: 'duration', amount: 2, unit: 'workingDays', text: '两个工作日' }],
    ['在两个有效工作日内给予响应', { kind: 'duration', amount: 2, unit: 'workingDays', text: '两个有效工作日' }],
    ['响应时间:4工作小时', { kind: 'duration', amount: 4, unit: 'workingHours', text: '4工作小时' }],
    ['二十四小时内', { kind: 'duration', amount: 24, unit: 'hours', text: '二十四小时' }],
    ['30分钟内', { kind: 'duration', amount: 30, unit: 'minutes', text: '30分钟' }],
    ['8个小时到达', { kind: 'duration', amount: 8, unit: 'hours', text: '8个小时' }],
    ['1个工作日内解决', { kind: 'duration', amount: 1, unit: 'workingDays', text: '1个工作日' }],
    ['两个星期内', { kind: 'duration', amount: 2, unit: 'weeks', text: '两个星期' }],
    ['免费维护60个月', { kind: 'duration', amount: 60, unit: 'months', text: '60个月' }],
    ['respond within 1 h', { kind: 'duration', amount: 1, unit: 'hours', text: '1 h' }],
    ['within 2 hours', { kind: 'duration', amount: 2, unit: 'hours', text: '2 hours' }],
    ['within 4 working hours', { kind: 'duration', amount: 4, unit: 'workingHours', text: '4 working hours' }],
    ['within two business days', { kind: 'duration', amount: 2, unit: 'workingDays', text: 'two business days' }],
    ['within twenty-four hours', { kind: 'duration', amount: 24, unit: 'hours', text: 'twenty-four hours' }],
    ['within half an hour', { kind: 'duration', amount: 30, unit: 'minutes', text: 'half an hour' }],
    ['一个半小时内', { kind: 'duration', amount: 90, unit: 'minutes', text: '一个半小时' }],
  ])('%s', (text, expected) => {
    expect(read(text)).toContainEqual(expected);
  });

  it('does not read dates as durations', () => {
    expect(read('XXXX电子技术有限公司2014年12月2日')).toEqual([]);
    expect(read('自 年 月 日至 年 月 日止')).toEqual([]);
  });
});

describe('scanQuantities: service hours, rates, recurrences, words', () => {
  it.each([
    ['7×24小时支持热线', { kind: 'service-pattern', daysPerWeek: 7, hoursPerDay: 24, text: '7×24小时' }],
    ['5×8小时的立即响应', { kind: 'service-pattern', daysPerWeek: 5, hoursPerDay: 8, text: '5×8小时' }],
    ['服务时间:5天*8小 时', { kind: 'service-pattern', daysPerWeek: 5, hoursPerDay: 8, text: '5天*8小 时' }],
    ['7X24小时的实时故障响应', { kind: 'service-pattern', daysPerWeek: 7, hoursPerDay: 24, text: '7X24小时' }],
    ['24/7 support', { kind: 'service-pattern', daysPerWeek: 7, hoursPerDay: 24, text: '24/7' }],
    ['全天候服务响应', { kind: 'service-pattern', daysPerWeek: 7, hoursPerDay: 24, text: '全天候' }],
    ['(周一至周五,9:00am 至18:00 pm)', { kind: 'weekdays', from: 'monday', to: 'friday', text: '周一至周五' }],
    ['(周一至周五,9:00am 至18:00 pm)', { kind: 'hours', open: '09:00', close: '18:00', text: '9:00am 至18:00 pm' }],
    ['值班时间为早8:00至晚12:00', { kind: 'hours', open: '08:00', close: '24:00', text: '早8:00至晚12:00' }],
    ['Monday to Friday, 8 am to 6 pm', { kind: 'hours', open: '08:00', close: '18:00', text: '8 am to 6 pm' }],
    ['合同总价的0.25%的违约金', { kind: 'fraction', value: '0.0025', text: '0.25%' }],
    ['千分之三', { kind: 'fraction', value: '0.003', text: '千分之三' }],
    ['不超过合同总价的百分之五', { kind: 'fraction', value: '0.05', text: '百分之五' }],
    ['0.5 percent per day', { kind: 'fraction', value: '0.005', text: '0.5 percent' }],
    ['即每三月一次', { kind: 'recurrence', every: { amount: 3, unit: 'months' }, times: 1, text: '每三月一次' }],
    ['提供每年两次的定期巡检', { kind: 'recurrence', every: { amount: 1, unit: 'years' }, times: 2, text: '每年两次' }],
    ['每季度提交报告', { kind: 'recurrence', every: { amount: 3, unit: 'months' }, times: 1, text: '每季度' }],
    ['a quarterly report', { kind: 'recurrence', every: { amount: 3, unit: 'months' }, times: 1, text: 'quarterly' }],
    ['inspections twice a year', { kind: 'recurrence', every: { amount: 1, unit: 'years' }, times: 2, text: 'twice a year' }],
    ['一般问题保证在当日内予以解决', { kind: 'same-day', text: '当日' }],
    ['电话支持人员将立即做出响应', { kind: 'immediate', text: '立即' }],
    ['工程师将及时到达现场', { kind: 'vague', word: '及时', text: '及时' }],
    ['费用为人民币5,000元', { kind: 'money', amount: '5000', currency: 'CNY', text: '人民币5,000元' }],
    ['a credit of $500', { kind: 'money', amount: '500', currency: 'USD', text: '$500' }],
  ])('%s', (text, expected) => {
    expect(read(text)).toContainEqual(expected);
  });

  it('reads "每周一至五" as a weekday range, not as weekly, and 7×24 as service hours, not 24 hours', () => {
    expect(read('每周一至五').map((q: any) => q.kind)).toEqual(['weekdays']);
    expect(read('7×24小时').map((q: any) => q.kind)).toEqual(['service-pattern']);
  });
});
