/** Alerts (the bell), the notification outbox and report runs: the `alerts` and `outbox` store areas. */
import type { AlertMessage } from '../../shared/alerts/messages';

export interface AlertRow {
  id: string;
  key: string;
  kind: string;
  site_id: string;
  window_id: string | null;
  kiosk_id: string | null;
  /** JSON object of message facts: never a phone number or comment text. */
  facts: string;
  /** Link target: the case or the window's figures. */
  link: string;
  raised_at: number;
  closed_at: number | null;
  acked_at: number | null;
  acked_by: string | null;
  ack_comment: string | null;
}

export interface RecentRatingRow { id: string; window_id: string; score: number; received_at: number }

export interface AlertStore {
  /** Raises the alert unless one with the same key is open (or, for one-off keys, ever existed); true when raised. */
  raise(a: Omit<AlertRow, 'closed_at' | 'acked_at' | 'acked_by' | 'ack_comment'>): Promise<boolean>;
  openKeys(siteId: string, kinds: readonly string[]): Promise<Array<{ key: string; kind: string }>>;
  close(siteId: string, keys: readonly string[], at: number): Promise<number>;
  /** Newest first, for the bell; with `assignee`, only the alerts addressed to that person by name (facts.assignee). */
  list(siteIds: readonly string[] | 'all', limit: number, assignee?: string): Promise<AlertRow[]>;
  unread(siteIds: readonly string[] | 'all', assignee?: string): Promise<number>;
  get(id: string): Promise<AlertRow | null>;
  acknowledge(id: string, by: string, comment: string, at: number): Promise<boolean>;
  /** The window's most recent ratings, oldest first, for the threshold rules. */
  recentRatings(windowId: string, limit: number): Promise<RecentRatingRow[]>;
  lastRun(job: string): Promise<string | null>;
  recordRun(job: string, key: string, at: number): Promise<void>;
}

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

/** Durable notification outbox; the worker delivers from it. */
export interface OutboxStore {
  /** Queues an entry; an id already queued is left as it is (repeated runs queue nothing new). True when it was new. */
  enqueue(e: { id: string; channelId: string; message: AlertMessage }, now: number): Promise<boolean>;
  /** Pending entries of every channel, in queue order. */
  pending(): Promise<OutboxEntry[]>;
  /** Freezes entries into one batch so retries send the same thing under the same key. */
  claim(ids: readonly string[], batchId: string): Promise<void>;
  settle(batchId: string, s: { status: 'sent' | 'dead'; answer?: string; error?: string; attempts: number }): Promise<void>;
  retry(batchId: string, s: { attempts: number; nextAt: number; error: string }): Promise<void>;
  /** Newest last. */
  list(status: OutboxEntry['status'] | 'all', limit: number): Promise<OutboxEntry[]>;
  /** Puts a dead letter back at the end of the queue; false when it is not a dead letter. */
  resend(id: string, now: number): Promise<boolean>;
}

/** A configured destination; the secret never leaves the server in a listing. */
export interface ChannelRow {
  id: string;
  site_id: string;
  kind: string;
  name: string;
  url: string | null;
  secret: string | null;
  recipients: string | null;
  lang: string;
  /** JSON array of alert kinds this channel gets; null = all. */
  kinds: string | null;
  created_at: number;
}

export interface ChannelStore {
  list(siteId: string | 'all'): Promise<ChannelRow[]>;
  get(id: string): Promise<ChannelRow | null>;
  put(c: ChannelRow): Promise<void>;
  remove(id: string): Promise<boolean>;
}
