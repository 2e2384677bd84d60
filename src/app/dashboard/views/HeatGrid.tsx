import { weekdayNames } from '../text';
import { useLang, useTexts } from '../../i18n/lang';
import { dashboardText } from '../../i18n/dashboard';
import { fill } from '../../i18n/use';

/** A weekday × hour grid; darker = more. `hue` is the colour of the fullest cell. */
export function HeatGrid({ title, grid, hours, hue }: { title: string; grid: number[][]; hours: number[]; hue: [number, number, number] }) {
  const lang = useLang();
  const t = useTexts(dashboardText);
  const days = weekdayNames(lang);
  const max = Math.max(1, ...grid.flat());
  return (
    <section class="card">
      <h2>{title}</h2>
      <table class="heat">
        <thead>
          <tr><th scope="col">{t.weekday}</th>{hours.map((h) => <th key={h} scope="col">{fill(t.hour, { h })}</th>)}</tr>
        </thead>
        <tbody>
          {grid.map((row, d) => (
            <tr key={d}>
              <th scope="row">{days[d]}</th>
              {hours.map((h) => {
                const v = row[h] ?? 0;
                const a = v / max;
                return <td key={h} style={{ background: `rgba(${hue.join(',')}, ${a.toFixed(3)})`, color: a > 0.55 ? '#fff' : '#1c2430' }}>{v || ''}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
