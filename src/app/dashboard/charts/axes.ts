/** Chart.js axis options shared by the dashboard's charts. */

/** A count axis from zero with whole-number ticks only: 0.1–1.0 are no counts of ratings. */
export function countAxis(title: string) {
  return { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: title } } as const;
}
