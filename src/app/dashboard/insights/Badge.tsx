import type { Comparison } from '../../../shared/insights/compare';
import type { Interval } from '../../../shared/insights/stats';
import { formatRate } from '../../../shared/metrics';
import { ti, type InsightsKey } from '../../i18n/insights';
import { useLang } from '../../i18n/lang';

const pts = (d: number) => `${d > 0 ? '+' : ''}${(d * 100).toFixed(1)}`;

/** 环比 / 同比 badge: an arrow only when beyond chance; small counts say so instead of pointing. */
export function CompareBadge({ c, which, higherIsWorse = false }: { c: Comparison; which: 'vsPrevious' | 'vsLastYear'; higherIsWorse?: boolean }) {
  const name = ti(which);
  const lang = useLang();
  let cls: string, zh: string, en: string;
  if (c.kind === 'no-baseline') { cls = 'none'; zh = ti('noBaseline').zh; en = ti('noBaseline').en; }
  else if (c.kind === 'too-few') {
    cls = 'few';
    zh = `${ti('tooFew').zh}（${c.before.n} → ${c.now.n}）`; en = ti('tooFew').en;
  } else {
    const key: InsightsKey = c.direction === 'same' ? 'withinChance' : c.direction;
    const arrow = c.direction === 'up' ? '↑' : c.direction === 'down' ? '↓' : '≈';
    // Colour says better or worse: a rising 差评率 is bad news.
    cls = c.direction === 'same' ? 'same' : (c.direction === 'up') !== higherIsWorse ? 'up' : 'down';
    // Kept on one line (no-break spaces): "p <" at a line's end and "0.001" on the next read as two things.
    const p = `p\u00a0${c.pValue < 0.001 ? '<\u00a00.001' : `=\u00a0${c.pValue.toFixed(3)}`}`;
    zh = `${arrow} ${pts(c.diff)} ${ti('points').zh}${c.direction === 'same' ? `，${ti(key).zh}` : ''}（${p}）`;
    en = `${arrow} ${pts(c.diff)} ${ti('points').en}, ${ti(key).en}, ${p}`;
  }
  return (
    <span class={`badge ${cls}`}>
      <b>{lang === 'en' ? name.en : name.zh}</b> {lang === 'en' ? en : zh}
    </span>
  );
}

/** A rate with its Wilson interval, drawn on a 50–100% scale (0–100% when the interval reaches below half). */
export function IntervalBar({ i }: { i: Interval }) {
  if (i.n === 0 || i.p === null) return <span class="muted">—</span>;
  const from = i.low < 0.5 ? 0 : 0.5;
  const x = (v: number) => `${Math.max(0, Math.min(100, ((v - from) / (1 - from)) * 100))}%`;
  return (
    <span class="interval" title={`${ti('interval').zh} ${formatRate(i.low)}–${formatRate(i.high)}`}>
      <span class="value">{formatRate(i.p)}</span>
      <span class="track" aria-hidden="true">
        <span class="range" style={{ left: x(i.low), width: `calc(${x(i.high)} - ${x(i.low)})` }} />
        <span class="dot" style={{ left: x(i.p) }} />
      </span>
      <span class="bounds">[{formatRate(i.low)}–{formatRate(i.high)}]</span>
    </span>
  );
}
