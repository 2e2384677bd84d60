import type { MonthReport } from '../../../shared/api';
import { useTexts } from '../../i18n/lang';
import { dashboardText } from '../../i18n/dashboard';
import { fill } from '../../i18n/use';
import { useNames } from '../names';
import { MonthTable } from './MonthTable';

/** 月度报表: printable, and downloadable as CSV with the same figures; its month is picked in the filter card. */
export function MonthView({ data, csvUrl }: { data: MonthReport; csvUrl: string }) {
  const t = useTexts(dashboardText);
  const names = useNames();
  return (
    <section class="card month-report">
      <div class="card-head">
        <h2>{fill(t.monthTitle, { site: names.site(data.siteId), month: data.month })}</h2>
        <div class="no-print actions">
          <button type="button" class="btn" onClick={() => print()}>{t.print}</button>
          <a class="btn btn-link" href={csvUrl} download>{t.downloadCsv}</a>
        </div>
      </div>
      <MonthTable caption={t.byWindow} rows={data.windows} name={names.window} total={data.total} />
      <MonthTable caption={t.byStaff} rows={data.staff} name={names.staff} />
      <p class="muted small">{t.monthRule} {data.includeSuspect ? t.withSuspect : t.withoutSuspect}</p>
    </section>
  );
}
