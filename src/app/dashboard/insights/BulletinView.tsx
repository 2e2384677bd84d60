import { useEffect } from 'preact/hooks';
import type { Bulletin, BulletinRow } from '../../../shared/insights/wire';
import { formatRate } from '../../../shared/metrics';
import { tb, ti } from '../../i18n/insights';

function rankChange(r: BulletinRow): string {
  if (r.rank === null) return '—';
  if (r.rankBefore === null) return '新';
  const d = r.rankBefore - r.rank;
  return d > 0 ? `↑${d}` : d < 0 ? `↓${-d}` : '—';
}

function Ranking({ title, rows }: { title: string; rows: BulletinRow[] }) {
  return (
    <table class="b-table">
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
    </table>
  );
}

const cn = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
const cnDay = (day: string) => `${day.slice(0, 4)}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

/** The monthly 通报 as a hall issues it, laid out for A4 print. */
export function BulletinView({ data }: { data: Bulletin }) {
  // The month report prints landscape; while the bulletin is shown, a later @page rule makes the paper A4 portrait.
  useEffect(() => {
    const style = document.createElement('style');
    style.textContent = '@page { size: A4 portrait; margin: 0; }';
    document.head.append(style);
    return () => style.remove();
  }, []);
  const c = data.total.comparison;
  const trend = c.kind === 'compared'
    ? `环比${c.diff >= 0 ? '上升' : '下降'} ${Math.abs(c.diff * 100).toFixed(1)} 个百分点（${c.direction === 'same' ? '在随机波动范围内' : `双比例检验 p ${c.pValue < 0.001 ? '< 0.001' : `= ${c.pValue.toFixed(3)}`}`}）`
    : c.kind === 'too-few' ? '评价数不足，不作环比' : '上月无评价，不作环比';
  return (
    <article class="bulletin" lang="zh-CN">
      <p class="no-print"><button type="button" onClick={() => window.print()}>{tb('print')}</button></p>
      <header>
        <h1>{data.siteName}<br />{cn(data.month)}{ti('bulletinTitle').zh}</h1>
        <p class="b-meta">{ti('period').zh}：{cn(data.month)}（与{cn(data.previousMonth)}对比）</p>
      </header>
      <h2>一、{ti('overall').zh}</h2>
      <p>本月共收到群众评价 {data.total.ratings} 条，满意率 {formatRate(data.total.satisfaction)}，{trend}。星级评定不足 {data.minRatings} 条评价的不参与排名。</p>
      <h2>二、{ti('windowRanking').zh}</h2>
      <Ranking title="" rows={data.windows} />
      <h2>三、{ti('staffRanking').zh}</h2>
      <Ranking title="" rows={data.staff} />
      <h2>四、{ti('interview').zh}</h2>
      <p>{data.lastTwice.length ? `${data.lastTwice.map((w) => w.label).join('、')}连续两个月排名末位，按规定由分管负责人约谈。` : ti('none').zh}</p>
      <h2>五、{ti('vetoes').zh}</h2>
      {data.vetoes.length ? <ul>{data.vetoes.map((v) => <li key={`${v.subject}:${v.id}`}>{v.label}：{v.reason}</li>)}</ul> : <p>{ti('none').zh}</p>}
      <h2>六、{ti('topThemes').zh}</h2>
      {data.themes.length ? (
        <ol class="b-themes">
          {data.themes.slice(0, 8).map((t) => <li key={t.term}>“{t.term}” {t.count} 条{t.isNew ? '（新出现）' : t.changePoints > 0 ? `（占比上升 ${t.changePoints.toFixed(1)} 个百分点）` : ''}</li>)}
        </ol>
      ) : <p>{ti('none').zh}</p>}
      <h2>七、{ti('earlyWarnings').zh}</h2>
      {data.warnings.length ? (
        <ul>
          {data.warnings.map((w) => w.result.kind === 'warning' && (
            <li key={`${w.subject}:${w.id}`}>{w.label}：自 {w.result.since} 起满意率 {formatRate(w.result.recent.p)}（{w.result.recent.n} 条），前 8 周基线 {formatRate(w.result.baseline.p)}（{w.result.baseline.n} 条）{w.result.reasons[0] ? `；增多原因：${w.result.reasons.slice(0, 2).map((r) => r.label.zh).join('、')}` : ''}。</li>
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
