import type { ReportLanguage } from '../domain/report/fault-report';
import { describeEvent } from './describe-event';
import { formatDateTime, formatDuration, formatMoney, zoneName } from './format';
import type { Language } from './languages';
import { translator } from './translator';
import { labelKey } from './vocabulary';

/** What the fault report needs to be written in `lng`: its texts, labels, event descriptions, times and durations. */
export function reportLanguage(lng: Language): ReportLanguage {
  const t = translator(lng);
  return {
    t,
    label: (group, id) => (group === 'target' && id.startsWith('extra:') ? id.slice(6) : t(labelKey(group, id), { defaultValue: id })),
    event: (kind, data) => describeEvent(t, kind, data),
    dateTime: (zonedIso, zone, withOffset) => formatDateTime(zonedIso, zone, lng, { offset: withOffset }),
    duration: (ms) => formatDuration(ms, lng),
    zoneName: (zone) => zoneName(zone, lng),
    money: (amount, currency) => formatMoney(amount, currency, lng),
  };
}
