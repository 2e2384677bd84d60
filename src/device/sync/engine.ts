/**
 * The sync engine: drains the outbox to POST /api/v1/sync in batches.
 * Free of UI; runs in the page or the service worker. A record leaves the outbox only when the
 * endpoint answered for it: stored/duplicate → done, rejected → dead letter, anything else → retry later.
 */
import * as v from 'valibot';
import type { KioskDatabase, OutboxEntry, StoredRecord } from '../store/db';
import { getSyncPolicy, getSyncStatus, updateSyncStatus, STORAGE_WARN_RATIO, type SyncStatus } from '../store/meta';
import { deferEntries, dropEntries, nextBatch, settleBatch, type Batch } from '../store/outbox';
import { acquireLease, releaseLease } from './lease';
import { backoffDelay, retryAfterMs, type BackoffPolicy } from '../../shared/backoff';
import { MAX_BATCH } from '../../shared/wire-limits';
import { SyncResponseSchema, type RecordOutcome, type SyncResponse } from '../../shared/sync-wire';

export { DEFAULT_SYNC } from './defaults';

export interface SyncDeps {
  db: KioskDatabase;
  /** Origin of the endpoint; '' for same-origin. */
  baseUrl: string;
  /** Sync route; kiosks use /api/v1/sync, phones (signed QR tokens per record) their own. */
  path?: string;
  /** Device token; `anonymous` senders (phones) send none. */
  getToken: () => Promise<string | null>;
  anonymous?: boolean;
  deviceId: string | null;
  fetch: typeof fetch;
  now: () => number;
  random: () => number;
  timeoutMs: number;
  batchSize: number;
  backoff: BackoffPolicy;
  /**
   * Cross-context lock; defaults to `navigator.locks`. `null` forces the IndexedDB lease
   * (what browsers without Web Locks get).
   */
  locks?: LockManager | null;
  /**
   * Sends every queued entry, not only those whose retry is due: the network came back (`online`) or staff asked
   * ("sync now"), so the waits built up while offline no longer mean anything.
   */
  allDue?: boolean;
  /** Reads this origin's storage use; defaults to `navigator.storage.estimate`, absent where the browser has none. */
  estimate?: (() => Promise<{ usage?: number; quota?: number }>) | null;
}

export type DrainResult =
  | { kind: 'done'; sent: number; stored: number; duplicate: number; rejected: number }
  | { kind: 'retry_later'; reason: 'offline' | 'timeout' | 'server_error' | 'malformed' | 'rate_limited' | 'storage'; message: string; sent: number }
  | { kind: 'unauthorized'; message: string }
  | { kind: 'no_token' }
  | { kind: 'busy' };


type BatchOutcome =
  | { kind: 'answered'; results: RecordOutcome[]; serverTimeMs: number | null; sentAt: number; receivedAt: number }
  | { kind: 'failed'; reason: 'offline' | 'timeout' | 'server_error' | 'malformed'; message: string }
  | { kind: 'rate_limited'; retryAt: number; message: string }
  | { kind: 'too_large' }
  | { kind: 'unauthorized'; message: string };

/** Sends one batch and classifies the answer; never throws for network or server trouble. */
async function sendBatch(deps: SyncDeps, token: string | null, records: StoredRecord[], clockOffsetMs: number | null): Promise<BatchOutcome> {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), deps.timeoutMs);
  const sentAt = deps.now();
  let res: Response;
  let text: string;
  try {
    res = await deps.fetch(`${deps.baseUrl}${deps.path ?? '/api/v1/sync'}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ deviceId: deps.deviceId ?? undefined, clockOffsetMs: clockOffsetMs ?? undefined, sentAt, records }),
      signal: ctrl.signal,
      cache: 'no-store',
    });
    text = await res.text();
  } catch (e) {
    const aborted = ctrl.signal.aborted;
    return { kind: 'failed', reason: aborted ? 'timeout' : 'offline', message: aborted ? `no answer within ${deps.timeoutMs} ms` : String((e as Error)?.message ?? e) };
  } finally {
    clearTimeout(timer);
  }
  const receivedAt = deps.now();
  if (res.status === 401 || res.status === 403) return { kind: 'unauthorized', message: text.slice(0, 200) };
  if (res.status === 413) return { kind: 'too_large' };
  if (res.status === 429) {
    const wait = retryAfterMs(res.headers.get('retry-after'), receivedAt) ?? backoffDelay(1, deps.random, deps.backoff);
    return { kind: 'rate_limited', retryAt: receivedAt + wait, message: 'endpoint asked to slow down (429)' };
  }
  if (!res.ok) return { kind: 'failed', reason: 'server_error', message: `HTTP ${res.status}` };
  let body: SyncResponse;
  try {
    body = v.parse(SyncResponseSchema, JSON.parse(text));
  } catch {
    return { kind: 'failed', reason: 'malformed', message: 'the answer was not a valid sync response' };
  }
  const serverMs = Date.parse(body.serverTime || res.headers.get('date') || '');
  return { kind: 'answered', results: body.results, serverTimeMs: Number.isNaN(serverMs) ? null : serverMs, sentAt, receivedAt };
}

/** How often a long drain writes its progress (last success, clock offset) to the sync status; once more at its end. */
const PROGRESS_EVERY_MS = 5_000;

/** Pushes the schedule of unanswered entries out by their next backoff delay (or to the endpoint's Retry-After). */
function defer(deps: SyncDeps, entries: OutboxEntry[], message: string, retryAt?: number): Promise<void> {
  const now = deps.now();
  return deferEntries(deps.db, entries, message, (attempts) => retryAt ?? now + backoffDelay(attempts, deps.random, deps.backoff));
}

/** The stored tuning (if any) over the caller's defaults. */
async function withPolicy(deps: SyncDeps): Promise<SyncDeps> {
  const p = await getSyncPolicy(deps.db);
  return {
    ...deps,
    timeoutMs: p.timeoutMs ?? deps.timeoutMs,
    backoff: { baseMs: p.backoffBaseMs ?? deps.backoff.baseMs, capMs: p.backoffCapMs ?? deps.backoff.capMs },
  };
}

/** Checks storage use on each drain so staff hear of a filling disk before saves fail. */
async function checkStorage(deps: SyncDeps): Promise<void> {
  const storage = (globalThis as { navigator?: { storage?: StorageManager } }).navigator?.storage;
  const estimate = deps.estimate === undefined ? (storage?.estimate ? () => storage.estimate() : null) : deps.estimate;
  if (!estimate) return;
  let e: { usage?: number; quota?: number };
  try {
    e = await estimate();
  } catch (err) {
    await updateSyncStatus(deps.db, { lastError: `storage estimate failed: ${String((err as Error)?.message ?? err)}` });
    return;
  }
  if (e.usage === undefined || e.quota === undefined) return;
  await updateSyncStatus(deps.db, { storageUsage: e.usage, storageQuota: e.quota, storageWarning: e.quota > 0 && e.usage / e.quota >= STORAGE_WARN_RATIO });
}

/**
 * Answered batches, settled one after another in the background while the next batch is on the wire. The ids of
 * batches sent and not yet settled are skipped by the next read; the first failure to settle stops the drain
 * (its entries stay queued and are sent again, which the endpoint recognises as duplicates).
 */
function settler() {
  const unsettled = new Set<string>();
  let chain: Promise<void> = Promise.resolve();
  let failure: { error: unknown } | null = null;
  return {
    /** A snapshot of the ids on the wire or waiting to be settled. */
    skip: (): ReadonlySet<string> => new Set(unsettled),
    failed: (): boolean => failure !== null,
    pending: (): boolean => unsettled.size > 0,
    sending(ids: readonly string[]): void { for (const id of ids) unsettled.add(id); },
    /** The batch was not answered: its entries are the caller's to defer. */
    unanswered(ids: readonly string[]): void { for (const id of ids) unsettled.delete(id); },
    settle(ids: readonly string[], work: () => Promise<void>): void {
      chain = chain.then(async () => {
        try {
          if (!failure) await work();
        } catch (error) {
          failure = { error };
        } finally {
          for (const id of ids) unsettled.delete(id);
        }
      });
    },
    /** Waits until every answered batch is settled; rethrows the first failure. */
    async done(): Promise<void> {
      await chain;
      if (failure) throw failure.error;
    },
  };
}

/**
 * Drains every due outbox entry, batch by batch, until none is due or the endpoint cannot take more. The device's
 * work overlaps the network's: while one batch is on the wire the next is read and the last answer settled.
 */
export async function drainOutbox(callerDeps: SyncDeps, hooks: { beforeBatch?: () => Promise<boolean> } = {}): Promise<DrainResult> {
  const deps = await withPolicy(callerDeps);
  // A refused token stops every drain path (page, worker, interval, online) until the kiosk is paired again.
  if (!deps.anonymous && (await getSyncStatus(deps.db)).unauthorized) return { kind: 'unauthorized', message: 'paused until the kiosk is paired again' };
  const token = deps.anonymous ? null : await deps.getToken();
  if (!token && !deps.anonymous) return { kind: 'no_token' };
  const total = { sent: 0, stored: 0, duplicate: 0, rejected: 0 };
  let batchSize = Math.min(deps.batchSize, MAX_BATCH);
  // Start from the last known offset; each answer refines it.
  let clockOffsetMs: number | null = (await updateSyncStatus(deps.db, { lastAttemptAt: deps.now() })).clockOffsetMs;
  await checkStorage(deps);
  const settling = settler();
  // The answers' news for the sync status: one write per batch would cost the device as much as the batch's own settling.
  let progress: Partial<SyncStatus> | null = null;
  let progressAt = deps.now();
  const writeProgress = async (force: boolean): Promise<void> => {
    if (!progress || (!force && deps.now() - progressAt < PROGRESS_EVERY_MS)) return;
    const patch = progress;
    progress = null;
    progressAt = deps.now();
    await updateSyncStatus(deps.db, patch);
  };
  const readNext = (): Promise<Batch> => {
    const read = nextBatch(deps.db, deps.allDue ? Infinity : deps.now(), batchSize, settling.skip());
    read.catch(() => undefined); // awaited at the next turn, where a failure surfaces; not "unhandled" meanwhile
    return read;
  };
  let next = readNext();
  /** Before returning: the batch read ahead is not sent (its entries stay queued), and every answer is settled. */
  const stop = async (): Promise<void> => {
    await next.then(() => undefined, () => undefined);
    try {
      await settling.done();
    } finally {
      await writeProgress(true);
    }
  };
  for (let round = 0; round < 10_000 && !settling.failed(); round++) {
    if (hooks.beforeBatch && !(await hooks.beforeBatch())) {
      await stop();
      return { kind: 'busy' };
    }
    const { entries, records, missing } = await next;
    // An outbox entry whose record is gone has nothing left to send; drop the entry rather than loop on it.
    if (missing.length > 0) await dropEntries(deps.db, missing);
    if (records.length === 0) {
      if (entries.length === 0) {
        if (!settling.pending()) break;
        await settling.done(); // a record on the wire may have been re-queued meanwhile (a later survey step): read once more
      }
      next = readNext();
      continue;
    }
    const ids = records.map((r) => r.id);
    const sentIds = new Set(ids);
    const sentEntries = entries.filter((e) => sentIds.has(e.id));
    settling.sending(ids);
    const answer = sendBatch(deps, token, records, clockOffsetMs);
    next = readNext();
    const out = await answer;
    total.sent += records.length;
    if (out.kind !== 'answered') settling.unanswered(ids);
    switch (out.kind) {
      case 'unauthorized':
        await stop();
        await updateSyncStatus(deps.db, { unauthorized: true, lastError: 'device token refused' });
        return { kind: 'unauthorized', message: out.message };
      case 'too_large':
        await next.then(() => undefined, () => undefined); // read with the old size, skipping this batch: read again
        if (batchSize === 1) await defer(deps, sentEntries, 'record too large for the endpoint');
        else batchSize = Math.max(1, Math.floor(batchSize / 2));
        next = readNext();
        continue;
      case 'rate_limited':
        await stop();
        await defer(deps, sentEntries, out.message, out.retryAt);
        await updateSyncStatus(deps.db, { lastError: out.message });
        return { kind: 'retry_later', reason: 'rate_limited', message: out.message, sent: total.sent };
      case 'failed':
        await stop();
        await defer(deps, sentEntries, out.message);
        await updateSyncStatus(deps.db, { lastError: out.message });
        return { kind: 'retry_later', reason: out.reason, message: out.message, sent: total.sent };
      case 'answered': {
        if (out.serverTimeMs !== null) clockOffsetMs = Math.round((out.sentAt + out.receivedAt) / 2 - out.serverTimeMs);
        const offset = clockOffsetMs;
        settling.settle(ids, async () => {
          const sent = new Map(records.map((r) => [r.id, r]));
          const { tally, unanswered } = await settleBatch(deps.db, sentEntries, sent, out.results, deps.now());
          if (unanswered.length > 0) await defer(deps, unanswered, 'no answer for this record');
          total.stored += tally.stored;
          total.duplicate += tally.duplicate;
          total.rejected += tally.rejected;
          progress = { lastSuccessAt: deps.now(), lastError: null, clockOffsetMs: offset, unauthorized: false };
          await writeProgress(false);
        });
      }
    }
  }
  await stop();
  return { kind: 'done', ...total };
}

/** Names this context as a lease holder (page tab or service worker). */
const LEASE_OWNER = `ctx-${Math.random().toString(36).slice(2)}-${Date.now().toString(36)}`;

/** Drains under the IndexedDB lease, renewing it before each batch; for browsers without Web Locks. */
async function drainWithLease(deps: SyncDeps, owner: string): Promise<DrainResult> {
  const ttl = deps.timeoutMs + 30_000; // outlives one batch, so a live holder is never overtaken
  if (!(await acquireLease(deps.db, owner, deps.now(), ttl))) return { kind: 'busy' };
  try {
    return await drainOutbox(deps, { beforeBatch: () => acquireLease(deps.db, owner, deps.now(), ttl) });
  } finally {
    await releaseLease(deps.db, owner);
  }
}

/** Runs one drain at a time across tabs and the service worker (Web Locks, else an IndexedDB lease) and within this context. */
let running: Promise<DrainResult> | null = null;
export function drainExclusive(deps: SyncDeps, owner: string = LEASE_OWNER): Promise<DrainResult> {
  if (running) return Promise.resolve({ kind: 'busy' });
  const locks = deps.locks === undefined ? (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks : deps.locks;
  const work: Promise<DrainResult> = locks
    ? (async () => await locks.request('window-feedback-sync', { ifAvailable: true }, (lock: Lock | null): Promise<DrainResult> => (lock ? drainOutbox(deps) : Promise.resolve({ kind: 'busy' }))))()
    : drainWithLease(deps, owner);
  const p = work.finally(() => { running = null; });
  running = p;
  return p;
}
