import type { Translate } from './translator';
import { labelKey, targetLabel } from './vocabulary';

/**
 * One timeline event in words: its kind's label, with the target, rung or period it is about
 * ("Phone response: breached"). The console's describeEvent (console/lib/labels.js) reads the same keys.
 */
export function describeEvent(t: Translate, kind: string, data: Record<string, unknown>): string {
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  return t(labelKey('event', kind), {
    target: data.clock ? targetLabel(t, str(data.clock)) : '',
    rung: data.rung ? t(labelKey('rung', str(data.rung))) : '',
    index: data.periodIndex,
    from: data.from,
    to: data.to,
    kind,
    defaultValue: kind,
  });
}
