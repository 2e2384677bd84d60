/** The alerts a staff member's bell shows: those addressed to them by name (a case assigned to them), in their halls. */
import type { AlertRow, Store } from '../store';

/** How far back a staff member's bell looks among the hall's alerts. */
const SCAN = 500;

/** True when the alert names `username` as the person it is for. */
export function addressedTo(a: Pick<AlertRow, 'facts'>, username: string): boolean {
  return (JSON.parse(a.facts) as { assignee?: unknown }).assignee === username;
}

/** The newest alerts addressed to `username` among the hall's latest ones, and how many of them are unacknowledged. */
export async function alertsFor(store: Pick<Store, 'alerts'>, sites: readonly string[], username: string, limit: number): Promise<{ unread: number; alerts: AlertRow[] }> {
  const mine = (await store.alerts.list(sites, SCAN)).filter((a) => addressedTo(a, username));
  return { unread: mine.filter((a) => a.acked_at === null).length, alerts: mine.slice(0, limit) };
}
