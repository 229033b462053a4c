// Labels of the domain's identifiers, by the keys the server catalogue derives from them
// (src/i18n/vocabulary.ts): domain:<group>.<id>, timeline kinds step:<name> → event.step.<name>.
// Severity classes are policy data and are shown as the policy names them.
import { t } from './i18n.js';

export const label = (group, id) => (id === null || id === undefined ? '—' : t(`domain:${group}.${id}`, { defaultValue: String(id) }));
// A named extra commitment (extra:<name>) is labelled by the name the policy gives it.
export const targetLabel = (clockKey) => (clockKey.startsWith('extra:') ? clockKey.slice(6) : label('target', clockKey));

/** A target's amount in words: "4 working hours", "4 个工作小时"; an end-of-day target "当日内". */
export function amountText(target) {
  if (!target) return '—';
  if (target.endOfDay)
    return target.amount === 1 ? t('domain:amount.endOfDaySameDay') : t('domain:amount.endOfDay', { count: target.amount });
  return t(`domain:amount.${target.unit}`, { count: target.amount });
}

/** One timeline event in words (the server's describeEvent reads the same keys). */
export function describeEvent(kind, data = {}) {
  const key = kind.startsWith('step:') ? `domain:event.step.${kind.slice(5)}` : `domain:event.${kind}`;
  return t(key, {
    target: data.clock ? targetLabel(data.clock) : '',
    rung: data.rung ? label('rung', data.rung) : '',
    index: data.periodIndex,
    from: data.from,
    to: data.to,
    kind,
    defaultValue: kind,
  });
}
