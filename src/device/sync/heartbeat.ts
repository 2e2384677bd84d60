/**
 * The kiosk's health report to the endpoint: queue, dead letters, last sync, storage, clock. The tablet's model and
 * browser are read by the endpoint from the request's User-Agent, so the page loads no parser for them at start.
 */
import type { KioskDatabase } from '../store/db';
import { getSyncStatus, updateSyncStatus } from '../store/meta';
import { queueCounts } from '../store/outbox-counts';
import { newestDeadLetters } from '../store/dead-letters';
import type { Heartbeat } from '../../shared/wire';
import type { SyncDeps } from './engine';

/** How often a kiosk reports even when nothing was drained. */
export const HEARTBEAT_INTERVAL_MS = 5 * 60_000;

/** Reads what the fleet view needs from the device's stores. */
export async function buildHeartbeat(db: KioskDatabase, appVersion: string): Promise<Heartbeat> {
  const [{ pending, deadLetters }, status, newest] = await Promise.all([queueCounts(db), getSyncStatus(db), newestDeadLetters(db, 20)]);
  return {
    appVersion, pending, deadLetters,
    // The code and field let the fleet view say why in the admin's language (the reason is the endpoint's words).
    deadLetterReasons: newest.map(({ id, reason, code, field }) => ({ id, reason: reason.slice(0, 200), code, field })),
    lastSyncAt: status.lastSuccessAt,
    storageUsage: status.storageUsage, storageQuota: status.storageQuota, storageWarning: status.storageWarning,
    clockOffsetMs: status.clockOffsetMs,
    lastSaveError: status.lastSaveError ? `${status.lastSaveError.code}: ${status.lastSaveError.message}`.slice(0, 200) : null,
    secureContext: typeof globalThis.isSecureContext === 'boolean' ? globalThis.isSecureContext : null,
  };
}

/** `answer` is the endpoint's body, unchecked: it names the kiosk's window now (HeartbeatAnswerSchema, checked where it is followed). */
export type HeartbeatResult = { kind: 'sent'; answer: unknown } | { kind: 'no_token' } | { kind: 'unauthorized' } | { kind: 'failed'; message: string };

/**
 * Sends one heartbeat with the device token; the answer is written to the sync status (sent: its time;
 * refused: the stop on every drain). A kiosk whose token was refused sends none until it is paired again.
 */
export async function sendHeartbeat(deps: Pick<SyncDeps, 'db' | 'baseUrl' | 'getToken' | 'fetch' | 'timeoutMs' | 'now'>, appVersion: string): Promise<HeartbeatResult> {
  if ((await getSyncStatus(deps.db)).unauthorized) return { kind: 'unauthorized' };
  const token = await deps.getToken();
  if (!token) return { kind: 'no_token' };
  const body = await buildHeartbeat(deps.db, appVersion);
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), deps.timeoutMs);
  try {
    const res = await deps.fetch(`${deps.baseUrl}/api/v1/heartbeat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
      signal: ctrl.signal,
      cache: 'no-store',
    });
    // Only a 2xx body is read (it names the kiosk's window; unreadable, the heartbeat failed); any other is cancelled, so the request completes.
    const answer: unknown = res.ok ? await res.json() : await res.body?.cancel();
    if (res.status === 401 || res.status === 403) {
      await updateSyncStatus(deps.db, { unauthorized: true, lastError: 'device token refused' });
      return { kind: 'unauthorized' };
    }
    if (!res.ok) return { kind: 'failed', message: `HTTP ${res.status}` };
    await updateSyncStatus(deps.db, { lastHeartbeatAt: deps.now() });
    return { kind: 'sent', answer };
  } catch (e) {
    return { kind: 'failed', message: String((e as Error)?.message ?? e) };
  } finally {
    clearTimeout(timer);
  }
}
