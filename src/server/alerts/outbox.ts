import type { AlertMessage } from '../../shared/alerts/messages';
import type { OutboxEntry, OutboxStore } from '../store/alerts';

export type { OutboxEntry } from '../store/alerts';
export type Outbox = OutboxStore;

/** In-memory outbox for unit tests and for "send a test". */
export class MemoryOutbox implements Outbox {
  private rows = new Map<string, OutboxEntry>();

  async enqueue(e: { id: string; channelId: string; message: AlertMessage }, now: number): Promise<boolean> {
    if (this.rows.has(e.id)) return false;
    this.rows.set(e.id, { ...e, since: now, attempts: 0, nextAt: now, batchId: null, status: 'pending', lastError: null, answer: null });
    return true;
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
