import type { AlertMessage } from '../../shared/alerts/messages';

/** One message waiting for one channel. A batch groups entries sent together; its id is the idempotency key. */
export interface OutboxEntry {
  readonly id: string;
  readonly channelId: string;
  readonly message: AlertMessage;
  /** When the entry was queued (or resent): the dead-letter deadline counts from here. */
  readonly since: number;
  readonly attempts: number;
  readonly nextAt: number;
  readonly batchId: string | null;
  readonly status: 'pending' | 'sent' | 'dead';
  readonly lastError: string | null;
  readonly answer: string | null;
}

/** Durable notification outbox. The SQLite and in-memory versions keep the same contract. */
export interface Outbox {
  enqueue(e: { id: string; channelId: string; message: AlertMessage }, now: number): Promise<void>;
  /** Pending entries of every channel, oldest first (queue order = delivery order). */
  pending(): Promise<OutboxEntry[]>;
  /** Freezes a set of entries into one batch so retries send the same thing under the same key. */
  claim(ids: readonly string[], batchId: string): Promise<void>;
  settle(batchId: string, s: { status: 'sent' | 'dead'; answer?: string; error?: string; attempts: number }): Promise<void>;
  retry(batchId: string, s: { attempts: number; nextAt: number; error: string }): Promise<void>;
  list(status: OutboxEntry['status'] | 'all', limit: number): Promise<OutboxEntry[]>;
  /** Puts a dead letter back in the queue as a new batch. */
  resend(id: string, now: number): Promise<boolean>;
}

/** In-memory outbox for unit tests and for "send a test". */
export class MemoryOutbox implements Outbox {
  private rows = new Map<string, OutboxEntry>();

  async enqueue(e: { id: string; channelId: string; message: AlertMessage }, now: number): Promise<void> {
    if (this.rows.has(e.id)) return;
    this.rows.set(e.id, { ...e, since: now, attempts: 0, nextAt: now, batchId: null, status: 'pending', lastError: null, answer: null });
  }
  async pending(): Promise<OutboxEntry[]> {
    return [...this.rows.values()].filter((r) => r.status === 'pending');
  }
  async claim(ids: readonly string[], batchId: string): Promise<void> {
    for (const id of ids) this.patch(id, { batchId });
  }
  async settle(batchId: string, s: { status: 'sent' | 'dead'; answer?: string; error?: string; attempts: number }): Promise<void> {
    for (const r of this.batch(batchId)) this.patch(r.id, { status: s.status, answer: s.answer ?? null, lastError: s.error ?? r.lastError, attempts: s.attempts });
  }
  async retry(batchId: string, s: { attempts: number; nextAt: number; error: string }): Promise<void> {
    for (const r of this.batch(batchId)) this.patch(r.id, { attempts: s.attempts, nextAt: s.nextAt, lastError: s.error });
  }
  async list(status: OutboxEntry['status'] | 'all', limit: number): Promise<OutboxEntry[]> {
    return [...this.rows.values()].filter((r) => status === 'all' || r.status === status).slice(-limit);
  }
  async resend(id: string, now: number): Promise<boolean> {
    const r = this.rows.get(id);
    if (!r || r.status !== 'dead') return false;
    this.rows.delete(id); // re-queued at the end, as a fresh entry
    this.rows.set(id, { ...r, status: 'pending', since: now, nextAt: now, attempts: 0, batchId: null });
    return true;
  }
  private batch(batchId: string): OutboxEntry[] {
    return [...this.rows.values()].filter((r) => r.batchId === batchId && r.status === 'pending');
  }
  private patch(id: string, p: Partial<OutboxEntry>): void {
    const r = this.rows.get(id);
    if (r) this.rows.set(id, { ...r, ...p });
  }
}
