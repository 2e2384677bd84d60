/** 一票否决: a verified complaint vetoes a window's or a staff member's grade for a month. */
import type { Db } from '../db/sqlite';

export type VetoSubject = 'window' | 'staff';

/** The vetoes of a site's month, keyed `window:w01` / `staff:s1001`, with the first reason. */
export function vetoesOf(db: Db, siteId: string, month: string): Map<string, string> {
  const rows = db.prepare('SELECT subject, subject_id, reason FROM vetoes WHERE site_id = ? AND month = ? ORDER BY id')
    .all(siteId, month) as { subject: VetoSubject; subject_id: string; reason: string }[];
  const out = new Map<string, string>();
  for (const r of rows) if (!out.has(`${r.subject}:${r.subject_id}`)) out.set(`${r.subject}:${r.subject_id}`, r.reason);
  return out;
}

/** Records a veto (the follow-up workflow calls this when a complaint is verified). */
export function addVeto(db: Db, v: { siteId: string; subject: VetoSubject; subjectId: string; month: string; reason: string; caseId?: string; by: string; at: number }): void {
  db.prepare('INSERT INTO vetoes (site_id, subject, subject_id, month, reason, case_id, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(v.siteId, v.subject, v.subjectId, v.month, v.reason, v.caseId ?? null, v.by, v.at);
}
