import { esc, inZone } from '../lib/format.js';
import { t } from '../lib/i18n.js';
import { label, targetLabel } from '../lib/labels.js';

const COLORS = { running: '#0b57d0', met: '#1a7f37', breached: '#b42318', fired: '#8250df', stopped: '#6e7781' };

/**
 * The ladder as a timeline: each clock's span from its anchor to its due instant, what actually
 * happened as a marker, pauses shaded across every row, and "now". Row labels are the targets'
 * plain names in the reader's language.
 */
export function ladderSvg(clocks, pauses, zone, t0, now) {
  const rows = clocks.filter((c) => c.dueAt !== null || c.settledAt !== undefined);
  const ends = rows.flatMap((c) => [c.dueAt ?? 0, c.settledAt ?? 0]).concat(now);
  const start = t0;
  const end = Math.max(...ends) + 1;
  const width = 900;
  const left = 210;
  const rowH = 26;
  const height = rows.length * rowH + 40;
  const x = (at) => left + ((at - start) / (end - start)) * (width - left - 10);
  const shade = pauses
    .map((p) => {
      const from = x(Math.max(start, p.from));
      const to = x(Math.min(end, p.to ?? now));
      return `<rect x="${from}" y="0" width="${Math.max(1, to - from)}" height="${height - 20}" fill="#d0d7de" opacity="0.6"><title>${esc(t('ladder.paused', { reason: label('pauseReason', p.reason) }))}</title></rect>`;
    })
    .join('');
  const bars = rows
    .map((c, i) => {
      const y = i * rowH + 6;
      const due = c.dueAt ?? now;
      const color = COLORS[c.status] || '#57606a';
      const marker =
        c.settledAt !== undefined
          ? `<circle cx="${x(c.settledAt)}" cy="${y + 8}" r="6" fill="${color}"><title>${esc(t('ladder.settled', { status: label('clockStatus', c.status), time: inZone(c.settledAt, zone) }))}</title></circle>`
          : '';
      return `<text x="4" y="${y + 12}" font-size="12">${esc(targetLabel(c.key))}</text>
        <rect x="${x(c.anchorAt)}" y="${y + 3}" width="${Math.max(2, x(due) - x(c.anchorAt))}" height="10" fill="${color}" opacity="0.35"><title>${esc(t('ladder.due', { time: inZone(c.dueAt, zone), zone }))}</title></rect>
        <line x1="${x(due)}" x2="${x(due)}" y1="${y}" y2="${y + 16}" stroke="${color}" stroke-width="2"></line>${marker}`;
    })
    .join('');
  const nowLine = `<line x1="${x(now)}" x2="${x(now)}" y1="0" y2="${height - 20}" stroke="#102a43" stroke-dasharray="4 3"></line>
    <text x="${Math.min(x(now) + 3, width - 40)}" y="10" font-size="11">${esc(t('ladder.now'))}</text>
    <text x="4" y="${height - 6}" font-size="11">${esc(t('ladder.from', { time: inZone(start, zone), zone }))}</text>`;
  return `<svg role="img" aria-label="${esc(t('ladder.label'))}" viewBox="0 0 ${width} ${height}" width="100%">${shade}${bars}${nowLine}</svg>`;
}
