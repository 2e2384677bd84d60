import { useState } from 'preact/hooks';
import type { CompareReport, SubjectComparison } from '../../../shared/api';
import { BULLETIN, insightsText } from '../../i18n/insights';
import { useLang, useTexts } from '../../i18n/lang';
import { CompareBadge, IntervalBar } from './Badge';
import { RankCard } from '../views/RankCard';
import { useSubjectName } from './subject';

type Sort = 'lower' | 'rate';

function sorted(rows: SubjectComparison[], sort: Sort): SubjectComparison[] {
  if (sort === 'lower') return rows; // the endpoint ranks by the lower bound
  return [...rows].sort((a, b) => (b.now.p ?? -1) - (a.now.p ?? -1) || b.now.n - a.now.n);
}

function Table({ title, rows, sort }: { title: string; rows: SubjectComparison[]; sort: Sort }) {
  const tx = useTexts(insightsText);
  const nameOf = useSubjectName();
  if (rows.length === 0) return null;
  const head = <><th scope="col">{tx.satisfaction} · {tx.interval}</th><th scope="col">{tx.vsPrevious}</th><th scope="col">{tx.vsLastYear}</th></>;
  return (
    <RankCard title={title} variant="compare" head={head}>
      {sorted(rows, sort).map((r, i) => (
        <tr key={r.id}>
          <td>{r.now.n > 0 ? i + 1 : ''}</td>
          <td>{nameOf(r)}</td>
          <td class="num">{r.now.n}</td>
          <td><IntervalBar i={r.now} /></td>
          <td><CompareBadge c={r.previous} which="vsPrevious" /></td>
          <td><CompareBadge c={r.lastYear} which="vsLastYear" /></td>
        </tr>
      ))}
    </RankCard>
  );
}

/** 环比 / 同比 of the site, windows and staff, with intervals; rankings sortable by the interval's lower bound. */
export function CompareView({ data }: { data: CompareReport }) {
  const tx = useTexts(insightsText);
  const b = BULLETIN[useLang() === 'en' ? 'en' : 'zh'];
  const nameOf = useSubjectName();
  const [sort, setSort] = useState<Sort>('lower');
  return (
    <div class="insights-compare">
      <section class="card">
        <div class="card-head">
          <h2>{nameOf(data.total)} · {data.period.from} – {data.period.to}</h2>
          <div class="presets" role="group" aria-label={tx.sortByLower}>
            <button type="button" class="chip" aria-pressed={sort === 'lower'} onClick={() => setSort('lower')}>{tx.sortByLower}</button>
            <button type="button" class="chip" aria-pressed={sort === 'rate'} onClick={() => setSort('rate')}>{tx.sortByRate}</button>
          </div>
        </div>
        <p class="total-line">
          <IntervalBar i={data.total.now} /> <span class="muted">n = {data.total.now.n}</span>{' '}
          <CompareBadge c={data.total.previous} which="vsPrevious" /> <CompareBadge c={data.total.lastYear} which="vsLastYear" />
        </p>
        <p class="muted small">
          {tx.vsPrevious}: {data.previous.from} – {data.previous.to} · {tx.vsLastYear}: {data.lastYear.from} – {data.lastYear.to} ·
          α = {data.rules.alpha}, n ≥ {data.rules.minRatings}. {tx.statsNote}
        </p>
      </section>
      <Table title={b.windows} rows={data.windows} sort={sort} />
      <Table title={b.staff} rows={data.staff} sort={sort} />
    </div>
  );
}
