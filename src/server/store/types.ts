import type { CasesStore } from './cases';
import type { ExportRowsStore, MaintenanceStore } from './export-rows';
/** The store's areas: one async interface each, implemented once per engine (store/sqlite, store/postgres). */
import type {
  AuditRow, CaseRow, DisplayTokenRow, IntegrationKeyRow, KioskRow, ResponseRow, Role, SecretRow, SeqGapReport, SuggestionRow, UserRow,
} from './rows';
import type { AlertStore, ChannelStore, OutboxStore } from './alerts';
import type { InsightsStore } from './insights';

/** Writes of one sync batch; roll-ups follow in the same transaction (one upsert per key, not per row). */
export interface IngestWrite {
  responses: { insert: ResponseRow[]; update: Array<{ row: ResponseRow; previous: ResponseRow }> };
  suggestions: { insert: SuggestionRow[]; update: SuggestionRow[] };
}

export interface IngestStore {
  /**
   * The stored rows of these ids. With `forWrite` (inside the batch's unit of work), held until it ends: a batch
   * carrying the same records at the same moment (a kiosk's retry reaching a second endpoint) waits, then reads what
   * this one wrote (PostgreSQL: FOR UPDATE, in id order; SQLite writes one unit at a time already).
   */
  findResponses(ids: readonly string[], forWrite?: boolean): Promise<Map<string, ResponseRow>>;
  findSuggestions(ids: readonly string[], forWrite?: boolean): Promise<Map<string, SuggestionRow>>;
  /** Applies inserts, then updates. Inserts whose id another writer stored meanwhile are skipped and named. */
  write(w: IngestWrite): Promise<{ skipped: Set<string> }>;
}

/** Which roll-up rows a dashboard query reads; `suspect: true` includes suspect ratings. */
export interface RollupQuery {
  siteId: string; from: string; to: string; windowId: string | null; staffId: string | null; suspect: boolean;
}
export type RollupKey = 'day' | 'window_id' | 'staff_id';
/** A level count; keys not grouped by are ''. `staff_id` '' also means no staff member. */
export interface LevelCountRow { day: string; window_id: string; staff_id: string; score: number; suspect: number; n: number }

export interface FeedbackQuery {
  siteId: string; from: string; to: string; windowId: string | null; staffId: string | null; includeSuspect: boolean;
  /** Literal text the comment must contain, or ''. */
  text: string; score: number | null; category: string | null; limit: number;
  /** Keyset page: only items older than this (counted_at, then id), newest first. */
  before?: { at: number; id: string } | null;
}

export interface StatsStore {
  /** Daily roll-up counts grouped by `by` plus score and suspect. */
  levelCounts(q: RollupQuery, by: readonly RollupKey[]): Promise<LevelCountRow[]>;
  /** Reasons given with bad ratings, grouped by a key (or none: k = ''). */
  reasonCounts(q: RollupQuery, by: 'window_id' | 'staff_id' | null): Promise<Array<{ k: string; reason: string; n: number }>>;
  hourCounts(q: RollupQuery): Promise<Array<{ weekday: number; hour: number; n: number; bad: number }>>;
  /** Newest first: rated comments, and suggestions. */
  feedbackResponses(q: FeedbackQuery): Promise<ResponseRow[]>;
  feedbackSuggestions(q: FeedbackQuery): Promise<SuggestionRow[]>;
  vetoes(siteId: string, month: string): Promise<Array<{ subject: 'window' | 'staff'; subject_id: string; reason: string }>>;
  addVeto(v: { siteId: string; subject: 'window' | 'staff'; subjectId: string; month: string; reason: string; caseId: string | null; by: string; at: number }): Promise<void>;
  /** Recomputes every roll-up from the responses. */
  rebuildRollups(): Promise<{ daily: number; hourly: number; reasons: number }>;
}

export interface DisplayTokenStore {
  create(t: { tokenHash: string; siteId: string; label: string; by: string; at: number }): Promise<number>;
  list(): Promise<DisplayTokenRow[]>;
  revoke(id: number, at: number): Promise<boolean>;
  siteOf(tokenHash: string): Promise<string | null>;
}

/** Integration keys (a queue or receipt system issuing case codes), stored only as a hash. */
export interface IntegrationKeyStore {
  create(k: { keyHash: string; siteId: string; label: string; by: string; at: number }): Promise<number>;
  list(): Promise<IntegrationKeyRow[]>;
  revoke(id: number, at: number): Promise<boolean>;
  /** The live (unrevoked) key with this hash, or null. */
  byHash(keyHash: string): Promise<IntegrationKeyRow | null>;
}

export interface ExportQuery {
  siteId: string; from: string; to: string; windowId: string | null; staffId: string | null; includeSuspect: boolean;
}

/** Exports stream: pages in (day, id) order, pulled one at a time. */
export interface ExportStore {
  responses(q: ExportQuery, pageSize: number): AsyncIterable<ResponseRow[]>;
  suggestions(q: ExportQuery, pageSize: number): AsyncIterable<SuggestionRow[]>;
}

export interface UserPatch { role?: Role; sites?: string[]; staffId?: string | null; passwordHash?: string; disabledAt?: number | null }

export interface UserStore {
  create(u: { username: string; role: Role; passwordHash: string; sites: string[]; staffId: string | null; createdAt: number }): Promise<number>;
  count(): Promise<number>;
  byName(username: string): Promise<UserRow | null>;
  list(): Promise<UserRow[]>;
  /** False for an unknown user; `endSessions` signs the user out everywhere. */
  update(id: number, patch: UserPatch, endSessions: boolean): Promise<boolean>;
  activeAdmins(): Promise<number>;
}

export interface SessionStore {
  open(s: { tokenHash: string; userId: number; csrf: string; createdAt: number; expiresAt: number }): Promise<void>;
  /** The live session's user (not disabled) and CSRF token. */
  find(tokenHash: string, now: number): Promise<{ user: UserRow; csrf: string } | null>;
  close(tokenHash: string): Promise<void>;
}

export interface KioskStore {
  add(k: { id: string; tokenHash: string; siteId: string; windowId: string; name: string | null; createdAt: number }): Promise<void>;
  byTokenHash(tokenHash: string): Promise<KioskRow | null>;
  byId(id: string): Promise<KioskRow | null>;
  list(): Promise<KioskRow[]>;
  revoke(id: string, at: number): Promise<boolean>;
  move(id: string, siteId: string, windowId: string): Promise<boolean>;
  seen(id: string, at: number): Promise<void>;
  /** Holes in one kiosk's received sequence numbers (responses and suggestions share the counter). */
  seqGaps(kioskId: string, limit: number): Promise<SeqGapReport>;
  /** Keeps the latest heartbeat (JSON) and the gaps found with it. */
  saveHeartbeat(id: string, heartbeat: string, gaps: SeqGapReport, at: number): Promise<void>;
}

export type Redeem = { kind: 'ok'; siteId: string; windowId: string; name: string | null } | { kind: 'unknown' } | { kind: 'expired' } | { kind: 'used' };

export interface PairingStore {
  /** Stores a code; earlier unused codes for the same window stop working. */
  create(p: { codeHash: string; siteId: string; windowId: string; name: string | null; createdBy: string; createdAt: number; expiresAt: number }): Promise<void>;
  /** Marks a code used, once only. */
  redeem(codeHash: string, now: number): Promise<Redeem>;
  link(codeHash: string, kioskId: string): Promise<void>;
  /** True when the kiosk was enrolled with an admin's pairing code (not by a demo site's open enrolment). */
  paired(kioskId: string): Promise<boolean>;
}

/** One QR rating as the misuse rules see it. */
export interface QrUseRow { recordId: string; deviceId: string; at: number; receivedAt: number | null; score: number | null; tokenId: string; address: string | null }

export interface QrStore {
  /** Gives every listed site without an active secret the one `make` returns. */
  ensureSecrets(siteIds: readonly string[], make: () => { kid: string; secret: string }, now: number): Promise<void>;
  activeSecret(siteId: string): Promise<SecretRow | null>;
  /** An unretired secret by key id. */
  secretByKid(kid: string): Promise<SecretRow | null>;
  /** Retires the site's secret and stores `fresh` as the active one. */
  rotate(siteId: string, fresh: { kid: string; secret: string }, now: number): Promise<void>;
  /** Stores a case unless its number exists; returns the stored case either way. */
  registerCase(c: { caseNo: string; siteId: string; windowId: string; by: string }, now: number): Promise<CaseRow>;
  caseByNo(caseNo: string): Promise<CaseRow | null>;
  markRectified(caseNo: string, now: number): Promise<boolean>;
  /** Whether another record already rated this case (first rating or follow-up). */
  caseRated(caseNo: string, followUp: boolean, exceptId: string): Promise<boolean>;
  /**
   * Holds the window's phone ratings for the rest of the unit of work, so batches from several phones at once are
   * judged one after the other, each against the ones before (PostgreSQL: a transaction advisory lock per window;
   * SQLite writes one unit at a time already). Inside `store.tx` only.
   */
  holdWindowUses(windowId: string): Promise<void>;
  /** Notes a phone's QR rating: what the misuse rules of src/shared/qr-burst.ts judge later ratings against. */
  notePhoneRating(r: QrUseRow & { windowId: string }): Promise<void>;
  /** QR ratings and suggestions of a window made in (from, to] by the phone's time, or that arrived after `arrivedAfter`. */
  qrUses(windowId: string, from: number, to: number, arrivedAfter: number): Promise<QrUseRow[]>;
  /** Every noted rating that carried this token (by its id), at most 50. */
  tokenUses(tokenId: string): Promise<QrUseRow[]>;
}

export interface AuditQuery { from: number; to: number; action: string | null; actor: string | null }

export interface AuditEntry { at: number; actor: string; action: string; detail: string; address: string | null }

export interface AuditStore {
  append(e: AuditEntry): Promise<void>;
  /** Appends entries in order, in one statement. */
  appendMany(es: readonly AuditEntry[]): Promise<void>;
  /** Newest first, before the id `before`. */
  list(q: AuditQuery, limit: number, before: number | null): Promise<AuditRow[]>;
  /** Pages in id order, for the streamed audit export. */
  pages(q: AuditQuery, pageSize: number): AsyncIterable<AuditRow[]>;
}

/** One counter of the limits table: a scope (`login_pair`, `track`, …) and a key inside it. */
export interface LimitKey { scope: string; key: string }

/** Failed attempts (sign-in, pairing codes), shared by every process. */
export interface LimitStore {
  /** Times of the key's failures after `since`, oldest first. */
  failures(scope: string, key: string, since: number): Promise<number[]>;
  addFailure(scope: string, key: string, at: number): Promise<void>;
  /**
   * Under one lock on the `record` keys: the failures after `since` of each key in `read` (oldest first) go to `judge`,
   * and when it answers `allowed` one failure at `at` is recorded for each key in `record`. Attempts in flight are so
   * counted before the next one is judged; `release` takes one back when it did not fail.
   */
  reserve<V extends { kind: string }>(read: readonly LimitKey[], since: number, judge: (failures: number[][]) => V, record: readonly LimitKey[], at: number): Promise<V>;
  /** Takes back one failure at `at` of each key: an attempt counted up front that did not fail. */
  release(keys: readonly LimitKey[], at: number): Promise<void>;
  /** Moves one failure of each key from `from` to `to`: an attempt counted up front that failed, timed when it did. */
  restamp(keys: readonly LimitKey[], from: number, to: number): Promise<void>;
  clear(scope: string, key: string): Promise<void>;
  /** Forgets failures older than `before`. */
  sweep(before: number): Promise<number>;
}

/** Scheduled jobs: one process holds a named lease until it expires. */
export interface LeaseStore {
  acquire(name: string, holder: string, now: number, ttlMs: number): Promise<boolean>;
  release(name: string, holder: string): Promise<void>;
  /** The lease as stored (its expiry in its holder's clock), or null when nobody holds it. */
  read(name: string): Promise<HeldLease | null>;
  /**
   * Gives the lease to `holder` until `expiresAt` only if it is still exactly `seen` (null: nobody holds it): a
   * compare-and-set that compares no clocks, so hosts whose clocks disagree never take a lease its holder renewed.
   */
  claim(name: string, seen: HeldLease | null, holder: string, expiresAt: number): Promise<boolean>;
}

export interface HeldLease { holder: string; expiresAt: number }

export interface RetentionStore {
  /** Erases phone numbers and contacts of a site received before `before`. */
  erase(siteId: string, before: number): Promise<{ phones: number; contacts: number }>;
  /**
   * Passes the next `limit` comments (`responses`) or suggestion texts (`suggestions`) of a site with a digit in
   * them, received before `before` and after where the last call stopped (kept per site and table in `settings`),
   * through `maskText`, and stores what it changed unless the words changed meanwhile (a later revision, which ingest
   * masks itself). `done` once nothing before `before` is left. A number a citizen typed into the words is personal
   * data too; each page is its own unit of work, so a first purge over years of comments never holds the store long.
   */
  maskTexts(siteId: string, table: 'responses' | 'suggestions', before: number, limit: number, maskText: (s: string) => string): Promise<{ masked: number; done: boolean }>;
}

/** Every stored table, row by row: copying between engines, bulk loads and tests. */
export interface TableStore {
  /** Tables in an order that satisfies references. */
  names(): readonly string[];
  count(table: string): Promise<number>;
  /** Up to `limit` rows after the primary key `after`, in key order. */
  scan(table: string, after: string | number | null, limit: number): Promise<Array<Record<string, unknown>>>;
  /** Inserts rows; a row whose key exists is left as it is. */
  insert(table: string, rows: ReadonlyArray<Record<string, unknown>>): Promise<number>;
}

/** What a unit of work (and the store itself) offers. Add a new area here. */
export interface Areas {
  ingest: IngestStore;
  stats: StatsStore;
  displayTokens: DisplayTokenStore;
  integrationKeys: IntegrationKeyStore;
  exports: ExportStore;
  users: UserStore;
  sessions: SessionStore;
  kiosks: KioskStore;
  pairing: PairingStore;
  qr: QrStore;
  audit: AuditStore;
  limits: LimitStore;
  leases: LeaseStore;
  retention: RetentionStore;
  tables: TableStore;
  alerts: AlertStore;
  outbox: OutboxStore;
  alertChannels: ChannelStore;
  insights: InsightsStore;
  cases: CasesStore;
  exportRows: ExportRowsStore;
  maintenance: MaintenanceStore;
}
