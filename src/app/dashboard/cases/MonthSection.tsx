/** The month report's follow-up section: 回访率, 核实率, 整改率, 按期办结率, overdue, per window and staff member. */
import { monthRange } from '../../../shared/time';
import { Figures, useCaseFigures } from './Figures';

export function CaseMonthSection({ siteId, month }: { siteId: string; month: string }) {
  const range = /^\d{4}-\d{2}$/.test(month) ? monthRange(month) : null;
  const report = useCaseFigures(siteId, range?.from ?? null, range?.to ?? null);
  return report ? <section class="card"><Figures report={report} withStaff /></section> : null;
}
