import type { Areas, AuditEntry } from './store';

export type { AuditRow, AuditQuery } from './store';

/** Appends one entry to the audit log (through a unit of work to log in the same transaction). */
export async function audit(store: Pick<Areas, 'audit'>, actor: string, action: string, detail: Record<string, unknown>, at = Date.now(), address: string | null = null): Promise<void> {
  await store.audit.append(auditEntry(actor, action, detail, at, address));
}

/** One audit log entry as the store keeps it. */
export function auditEntry(actor: string, action: string, detail: Record<string, unknown>, at = Date.now(), address: string | null = null): AuditEntry {
  return { at, actor, action, detail: JSON.stringify(detail), address };
}

export const AUDIT_COLUMNS = ['id', 'at', 'actor', 'action', 'detail', 'address'] as const;
