import { formatDateTime } from './format';
import type { Language } from './languages';
import { translator } from './translator';
import { labelKey, targetLabel } from './vocabulary';

export interface NotificationContext {
  customer: string | null;
  description: string | null;
  zone: string;
}

/** The words of a breach, escalation or closing notice, for people reading it in `lng` (times in the calendar's zone). */
export function notificationText(
  lng: Language,
  kind: 'breach' | 'escalation' | 'closed',
  payload: Record<string, unknown>,
  ctx: NotificationContext,
): { title: string; text: string } {
  const t = translator(lng);
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const when = (v: unknown) =>
    typeof v === 'number' ? t('notification:time', { time: formatDateTime(v, ctx.zone, lng), zone: ctx.zone }) : '';
  const values = {
    customer: ctx.customer ?? '—',
    description: ctx.description ?? '',
    severity: str(payload.severity),
    target: payload.clock ? targetLabel(t, str(payload.clock)) : '',
    rung: payload.rung ? t(labelKey('rung', str(payload.rung))) : '',
    status: payload.status ? t(labelKey('status', str(payload.status)), { defaultValue: str(payload.status) }) : '',
    due: when(payload.dueAt),
    at: when(payload.at),
  };
  const reason = typeof payload.reason === 'string' && payload.reason ? ` ${t('notification:reason', { reason: payload.reason })}` : '';
  return { title: t(`notification:title.${kind}`, values), text: t(`notification:text.${kind}`, values) + reason };
}
