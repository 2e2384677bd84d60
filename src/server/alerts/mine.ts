/** The alerts a staff member's bell shows: those addressed to them by name (a case assigned to them), in their halls. */
import type { AlertRow, Store } from '../store';

/** True when the alert names `username` as the person it is for. */
export function addressedTo(a: Pick<AlertRow, 'facts'>, username: string): boolean {
  return (JSON.parse(a.facts) as { assignee?: unknown }).assignee === username;
}

/** The newest alerts addressed to `username` in their halls, and how many of all those are unacknowledged. */
export async function alertsFor(store: Pick<Store, 'alerts'>, sites: readonly string[], username: string, limit: number): Promise<{ unread: number; alerts: AlertRow[] }> {
  const [alerts, unread] = await Promise.all([limit > 0 ? store.alerts.list(sites, limit, username) : [], store.alerts.unread(sites, username)]);
  return { unread, alerts };
}
