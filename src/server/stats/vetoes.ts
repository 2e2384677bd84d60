/** 一票否决: a verified complaint vetoes a window's or a staff member's grade for a month. */
import type { Areas } from '../store';

export type VetoSubject = 'window' | 'staff';

/** The vetoes of a site's month, keyed `window:w01` / `staff:s1001`, with the first reason. */
export async function vetoesOf(store: Pick<Areas, 'stats'>, siteId: string, month: string): Promise<Map<string, string>> {
  const rows = await store.stats.vetoes(siteId, month);
  const out = new Map<string, string>();
  for (const r of rows) if (!out.has(`${r.subject}:${r.subject_id}`)) out.set(`${r.subject}:${r.subject_id}`, r.reason);
  return out;
}

/** Records a veto (the follow-up workflow calls this when a complaint is verified). */
export function addVeto(store: Pick<Areas, 'stats'>, v: { siteId: string; subject: VetoSubject; subjectId: string; month: string; reason: string; caseId?: string; by: string; at: number }): Promise<void> {
  return store.stats.addVeto({ ...v, caseId: v.caseId ?? null });
}
