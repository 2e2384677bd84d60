import { backoffDelay, type BackoffPolicy } from '../../shared/backoff';
import { mergeMessages } from '../../shared/alerts/messages';
import type { Channel, Outcome } from './channels';
import type { Outbox, OutboxEntry } from './outbox';

export interface WorkerOptions {
  readonly outbox: Outbox;
  readonly channels: () => readonly Channel[];
  /** Sends one message to one channel; `key` stays the same on every retry of a batch. */
  readonly send: (ch: Channel, message: OutboxEntry['message'], key: string, now: number) => Promise<Outcome>;
  readonly now: () => number;
  readonly random?: () => number;
  readonly backoff?: BackoffPolicy;
  /** An entry not delivered this long after it was queued becomes a dead letter. Default 24 h. */
  readonly deadAfterMs?: number;
  /** Robots allow about 20 messages a minute; stay under it per channel. */
  readonly perMinute?: number;
  /** At most this many queued alerts merge into one message. */
  readonly maxBatch?: number;
}

export interface TickReport {
  readonly sent: number;
  readonly retried: number;
  readonly dead: number;
}

/**
 * Delivery worker over the durable outbox. Per channel, the oldest pending batch goes first, so alerts arrive
 * in queue order; queued alerts merge into one message; a failed batch keeps its members and key.
 */
export class DeliveryWorker {
  private readonly sentAt = new Map<string, number[]>();
  constructor(private readonly o: WorkerOptions) {}

  /** One pass: every channel whose head batch is due gets one attempt. */
  async tick(): Promise<TickReport> {
    const report = { sent: 0, retried: 0, dead: 0 };
    const byChannel = group(await this.o.outbox.pending());
    const channels = new Map(this.o.channels().map((c) => [c.id, c]));
    await Promise.all([...byChannel].map(async ([channelId, entries]) => {
      const now = this.o.now();
      const ch = channels.get(channelId);
      const head = entries[0]!;
      if (!ch) return;
      if (head.nextAt > now || !this.allowed(channelId, now)) return;
      const batch = await this.batchOf(entries);
      const outcome = await this.o.send(ch, mergeMessages(batch.map((e) => e.message), ch.lang), head.batchId ?? batch[0]!.id, now);
      this.sentAt.get(channelId)!.push(now);
      await this.record(batch, outcome, report);
    }));
    return report;
  }

  /** Earliest time a channel's head batch becomes due (for a timer), or null when the outbox is empty. */
  async nextDue(): Promise<number | null> {
    const heads = [...group(await this.o.outbox.pending()).values()].map((es) => es[0]!.nextAt);
    return heads.length ? Math.min(...heads) : null;
  }

  private async batchOf(entries: OutboxEntry[]): Promise<OutboxEntry[]> {
    const head = entries[0]!;
    if (head.batchId) return entries.filter((e) => e.batchId === head.batchId);
    // One message has one set of e-mail recipients: merge only entries routed to the same people as the head.
    const to = (e: OutboxEntry) => JSON.stringify(e.message.to ?? null);
    const batch = entries.filter((e) => e.batchId === null && to(e) === to(head)).slice(0, this.o.maxBatch ?? 20);
    await this.o.outbox.claim(batch.map((e) => e.id), head.id);
    return batch.map((e) => ({ ...e, batchId: head.id }));
  }

  private async record(batch: OutboxEntry[], outcome: Outcome, report: { sent: number; retried: number; dead: number }): Promise<void> {
    const batchId = batch[0]!.batchId!;
    const attempts = batch[0]!.attempts + 1;
    const now = this.o.now();
    if (outcome.kind === 'delivered') {
      await this.o.outbox.settle(batchId, { status: 'sent', answer: outcome.answer, attempts });
      report.sent += batch.length;
      return;
    }
    const since = Math.min(...batch.map((e) => e.since));
    if (outcome.kind === 'failed' || now - since >= (this.o.deadAfterMs ?? 24 * 3_600_000)) {
      await this.o.outbox.settle(batchId, { status: 'dead', error: outcome.error, attempts });
      report.dead += batch.length;
      return;
    }
    const wait = outcome.afterMs ?? backoffDelay(attempts, this.o.random, this.o.backoff);
    await this.o.outbox.retry(batchId, { attempts, nextAt: now + Math.max(wait, 1), error: outcome.error });
    report.retried += batch.length;
  }

  private allowed(channelId: string, now: number): boolean {
    const recent = (this.sentAt.get(channelId) ?? []).filter((t) => t > now - 60_000);
    this.sentAt.set(channelId, recent);
    return recent.length < (this.o.perMinute ?? 20);
  }
}

function group(entries: OutboxEntry[]): Map<string, OutboxEntry[]> {
  const m = new Map<string, OutboxEntry[]>();
  for (const e of entries) m.set(e.channelId, [...(m.get(e.channelId) ?? []), e]);
  return m;
}
