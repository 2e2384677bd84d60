import { WEEKDAYS } from '../text';

/** A weekday × hour grid; darker = more. `hue` is the colour of the fullest cell. */
export function HeatGrid({ title, grid, hours, hue }: { title: string; grid: number[][]; hours: number[]; hue: [number, number, number] }) {
  const max = Math.max(1, ...grid.flat());
  return (
    <section class="card">
      <h2>{title}</h2>
      <table class="heat">
        <thead>
          <tr><th scope="col">星期 Day</th>{hours.map((h) => <th key={h} scope="col">{h}时</th>)}</tr>
        </thead>
        <tbody>
          {grid.map((row, d) => (
            <tr key={d}>
              <th scope="row">{WEEKDAYS[d]!.zh} <span class="en-inline">{WEEKDAYS[d]!.en}</span></th>
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
