import { useEffect } from 'preact/hooks';
import type { Bulletin, BulletinRow } from '../../../shared/api';
import { formatRate } from '../../../shared/metrics';
import { BULLETIN, SECTION_NUMERALS, ti, type InsightsKey, insightsText } from '../../i18n/insights';
import { useTexts } from '../../i18n/lang';

const B = BULLETIN.zh;

function rankChange(r: BulletinRow): string {
  if (r.rank === null) return '—';
  if (r.rankBefore === null) return B.rankNew;
  const d = r.rankBefore - r.rank;
  return d > 0 ? `↑${d}` : d < 0 ? `↓${-d}` : '—';
}

function Ranking({ title, rows }: { title: string; rows: BulletinRow[] }) {
  return (
    <div class="b-scroll"><table class="b-table">
      <caption>{title}</caption>
      <thead>
        <tr><th>{ti('rank').zh}</th><th>{ti('name').zh}</th><th>{ti('ratings').zh}</th><th>{ti('satisfaction').zh}</th><th>{ti('interval').zh}</th><th>{ti('grade').zh}</th><th>{ti('rankChange').zh}</th></tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            <td>{r.rank ?? ti('notRanked').zh}</td><td class="l">{r.label}</td><td>{r.total}</td><td>{formatRate(r.satisfaction)}</td>
            <td>{r.total ? `${formatRate(r.interval.low)}–${formatRate(r.interval.high)}` : '—'}</td>
            <td class={r.veto ? 'veto' : ''}>{r.grade}</td><td>{rankChange(r)}</td>
          </tr>
        ))}
      </tbody>
    </table></div>
  );
}

const MONTH = new Intl.DateTimeFormat('zh-CN', { year: 'numeric', month: 'long', timeZone: 'UTC' });
const DAY = new Intl.DateTimeFormat('zh-CN', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
const cn = (month: string) => MONTH.format(Date.parse(`${month}-01T00:00:00Z`));
const cnDay = (day: string) => DAY.format(Date.parse(`${day}T00:00:00Z`));
/** A numbered section heading: 一、总体情况 */
const H = ({ n, k }: { n: number; k: InsightsKey }) => <h2>{SECTION_NUMERALS[n]}、{ti(k).zh}</h2>;

/** The monthly 通报 as a hall issues it, laid out for A4 print. */
export function BulletinView({ data }: { data: Bulletin }) {
  const tx = useTexts(insightsText);
  // The month report prints landscape; while the bulletin is shown, a later @page rule makes the paper A4 portrait.
  useEffect(() => {
    const style = document.createElement('style');
    style.textContent = '@page { size: A4 portrait; margin: 0; }';
    document.head.append(style);
    return () => style.remove();
  }, []);
  const c = data.total.comparison;
  const test = c.kind !== 'compared' ? '' : c.direction === 'same' ? B.withinChance : B.pValue(c.pValue < 0.001 ? '<\u00a00.001' : `=\u00a0${c.pValue.toFixed(3)}`);
  const trend = c.kind === 'compared'
    ? (c.diff >= 0 ? B.trendUp : B.trendDown)(Math.abs(c.diff * 100).toFixed(1), test)
    : c.kind === 'too-few' ? B.tooFewToCompare : B.nothingLastMonth;
  return (
    <article class="bulletin" lang="zh-CN">
      <p class="no-print"><button type="button" class="btn" onClick={() => window.print()}>{tx.print}</button></p>
      <header>
        <h1>{data.siteName}<br />{cn(data.month)}{ti('bulletinTitle').zh}</h1>
        <p class="b-meta">{B.periodLine(cn(data.month), cn(data.previousMonth))}</p>
      </header>
      <H n={0} k="overall" />
      <p>{B.overall(data.total.ratings, formatRate(data.total.satisfaction), trend, data.minRatings)}</p>
      <H n={1} k="windowRanking" />
      <Ranking title="" rows={data.windows} />
      <H n={2} k="staffRanking" />
      <Ranking title="" rows={data.staff} />
      <H n={3} k="interview" />
      <p>{data.lastTwice.length ? B.interview(data.lastTwice.map((w) => w.label).join('、')) : ti('none').zh}</p>
      <H n={4} k="vetoes" />
      {data.vetoes.length ? <ul>{data.vetoes.map((v) => <li key={`${v.subject}:${v.id}`}>{v.label}：{v.reason}</li>)}</ul> : <p>{ti('none').zh}</p>}
      <H n={5} k="topThemes" />
      {data.themes.length ? (
        <ol class="b-themes">
          {data.themes.slice(0, 8).map((t) => <li key={t.term}>{B.themeLine(t.term, t.count, t.isNew ? B.themeNew : t.changePoints > 0 ? B.themeGrew(t.changePoints.toFixed(1)) : '')}</li>)}
        </ol>
      ) : <p>{ti('none').zh}</p>}
      <H n={6} k="earlyWarnings" />
      {data.warnings.length ? (
        <ul>
          {data.warnings.map((w) => w.result.kind === 'warning' && (
            <li key={`${w.subject}:${w.id}`}>{B.warningLine(w.label, w.result.since, formatRate(w.result.recent.p), w.result.recent.n, formatRate(w.result.baseline.p), w.result.baseline.n,
              w.result.reasons[0] ? B.reasonsGrew(w.result.reasons.slice(0, 2).map((r) => r.label.zh).join('、')) : '')}</li>
          ))}
        </ul>
      ) : <p>{ti('none').zh}</p>}
      <footer class="b-sign">
        <p>{data.siteName}{ti('sealLine').zh}</p>
        <p>{ti('issuer').zh}：＿＿＿＿＿＿</p>
        <p>{cnDay(data.issuedOn)}</p>
      </footer>
    </article>
  );
}
