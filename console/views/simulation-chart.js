import { esc, inZone, money } from '../lib/format.js';
import { t } from '../lib/i18n.js';

const COLORS = { actual: '#0b57d0', candidate: '#b35c00' };

/**
 * Cumulative penalty of both policies over the period as two step lines (inline SVG). Drawing
 * only: amounts are turned into cents for the plot; the figures shown are the API's decimal strings.
 */
export function simulationChart(points, from, to, currency, zone) {
  if (points.length === 0) return `<p class="muted">${esc(t('simulation.noPenalty'))}</p>`;
  const cents = (a) => Math.round(Number(a) * 100);
  const start = Date.parse(from);
  const end = Math.max(Date.parse(to), ...points.map((p) => Date.parse(p.at))) + 1;
  const vmax = Math.max(1, ...points.flatMap((p) => [cents(p.actual), cents(p.candidate)]));
  const W = 800;
  const H = 220;
  const x = (at) => 60 + ((at - start) / (end - start)) * (W - 80);
  const y = (v) => H - 30 - (v / vmax) * (H - 50);
  const line = (key) => {
    let d = `M${x(start).toFixed(1)},${y(0).toFixed(1)}`;
    let last = 0;
    for (const p of points) {
      const px = x(Date.parse(p.at)).toFixed(1);
      d += ` L${px},${y(last).toFixed(1)} L${px},${y((last = cents(p[key]))).toFixed(1)}`;
    }
    d += ` L${x(end).toFixed(1)},${y(last).toFixed(1)}`;
    return `<path d="${d}" fill="none" stroke="${COLORS[key]}" stroke-width="2" ${key === 'candidate' ? 'stroke-dasharray="6 3"' : ''} />`;
  };
  const final = points[points.length - 1];
  const legend = ['actual', 'candidate']
    .map(
      (key, i) =>
        `<line x1="${200 + i * 260}" x2="${224 + i * 260}" y1="12" y2="12" stroke="${COLORS[key]}" stroke-width="2" ${key === 'candidate' ? 'stroke-dasharray="6 3"' : ''} />
        <text x="${230 + i * 260}" y="16" font-size="12">${esc(t(`simulation.legend.${key}`, { amount: money(final[key], currency) }))}</text>`,
    )
    .join('');
  return `<svg role="img" aria-label="${esc(t('simulation.chartLabel'))}" viewBox="0 0 ${W} ${H}" width="100%">
    <line x1="60" x2="${W - 20}" y1="${H - 30}" y2="${H - 30}" stroke="#8c959f" />
    <text x="4" y="${y(vmax) + 4}" font-size="11">${esc(money((vmax / 100).toFixed(2), currency))}</text>
    <text x="60" y="${H - 10}" font-size="11">${esc(inZone(start, zone))}</text>
    <text x="${W - 20}" y="${H - 10}" font-size="11" text-anchor="end">${esc(inZone(end - 1, zone))}</text>
    ${line('actual')}${line('candidate')}${legend}</svg>`;
}
