import type { WarningRow, WarningsReport } from '../../../shared/api';
import { formatRate } from '../../../shared/metrics';
import { ti, insightsText } from '../../i18n/insights';
import { usePick, useTexts } from '../../i18n/lang';
import { useSubjectName } from './subject';
import { IntervalBar } from './Badge';

/** The CUSUM path over the monitored weeks, the threshold as a dashed line. */
function Path({ path, threshold }: { path: { day: string; s: number }[]; threshold: number }) {
  const w = 280, h = 60, max = Math.max(threshold * 1.3, ...path.map((p) => p.s));
  const x = (i: number) => (path.length > 1 ? (i / (path.length - 1)) * w : 0), y = (s: number) => h - (s / max) * h;
  return (
    <svg class="cusum" viewBox={`0 0 ${w} ${h}`} role="img" aria-label={`CUSUM ${path.at(-1)?.s.toFixed(1) ?? 0} / ${threshold}`}>
      <line x1="0" x2={w} y1={y(threshold)} y2={y(threshold)} class="threshold" />
      <polyline points={path.map((p, i) => `${x(i)},${y(p.s)}`).join(' ')} />
    </svg>
  );
}

function Card({ row, threshold }: { row: WarningRow; threshold: number }) {
  const tx = useTexts(insightsText);
  const pick = usePick();
  const nameOf = useSubjectName();
  const r = row.result;
  if (r.kind !== 'warning') return null;
  return (
    <article class="card warning-card" aria-labelledby={`warn-${row.subject}-${row.id}`}>
      <h3 id={`warn-${row.subject}-${row.id}`}>⚠ {nameOf(row)} · {tx.warningTitle}</h3>
      <dl class="evidence">
        <div><dt>{tx.since}</dt><dd>{r.since}</dd></div>
        <div><dt>{tx.signalled}</dt><dd>{r.signalled}</dd></div>
        <div><dt>{tx.baseline}</dt><dd><IntervalBar i={r.baseline} /> <span class="muted">{r.baseline.k} / {r.baseline.n}</span></dd></div>
        <div><dt>{tx.recent}</dt><dd><IntervalBar i={r.recent} /> <span class="muted">{r.recent.k} / {r.recent.n}</span></dd></div>
        <div><dt>{tx.pLabel}</dt><dd>{r.pValue === null ? '—' : r.pValue < 0.001 ? '<\u00a00.001' : r.pValue.toFixed(3)} · <span class="nowrap">CUSUM {r.statistic.toFixed(1)} ≥ {threshold}</span></dd></div>
      </dl>
      {r.reasons.length > 0 && (
        <>
          <h4>{tx.reasonsGrew} <span class="muted small">({tx.perHundred})</span></h4>
          <ul class="grew">
            {r.reasons.slice(0, 4).map((g) => (
              <li key={g.code}>{pick(g.label)}: {g.perHundredBefore.toFixed(1)} → <b>{g.perHundredSince.toFixed(1)}</b></li>
            ))}
          </ul>
        </>
      )}
      <Path path={r.path} threshold={threshold} />
    </article>
  );
}

/** Early-warning cards with their evidence, then every other subject's state in one line each. */
export function WarningsView({ data }: { data: WarningsReport }) {
  const tx = useTexts(insightsText);
  const pick = usePick();
  const nameOf = useSubjectName();
  const flagged = data.rows.filter((r) => r.result.kind === 'warning');
  return (
    <div class="insights-warnings">
      <p class="muted small">
        {tx.baseline}{tx.colon}{data.baseline.from} – {data.baseline.to} · {tx.monitored}{tx.colon}{data.monitored.from} – {data.monitored.to}. {pick(ti('ruleNote'))} ({data.rules.threshold})
      </p>
      {flagged.length === 0 && <p class="card">{tx.noWarnings}</p>}
      <div class="warning-grid">{flagged.map((r) => <Card key={`${r.subject}:${r.id}`} row={r} threshold={data.rules.threshold} />)}</div>
      <section class="card">
        <table class="rank">
          <tbody>
            {data.rows.filter((r) => r.result.kind !== 'warning').map((r) => (
              <tr key={`${r.subject}:${r.id}`}>
                <td>{nameOf(r)}</td>
                <td>{r.result.kind === 'steady' ? `${tx.steady} · ${formatRate(r.result.recent.p)} · ${tx.baseline} ${formatRate(r.result.baseline.p)}` : `${tx.tooFew} (${r.result.baseline.n})`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
