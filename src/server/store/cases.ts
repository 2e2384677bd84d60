/** The follow-up area (差评闭环): cases, their append-only timeline, excluded ratings and vetoes. */
import type { AppealState, CallOutcome, CaseCategory, CaseState } from '../../shared/cases/machine';

/** One follow-up case as stored; `number` (e.g. DEMO-2026-11-0042) is its key. Instants in ms. */
export interface FollowupCaseRow {
  number: string;
  site_id: string;
  window_id: string;
  staff_id: string | null;
  kind: 'bad_review' | 'complaint' | 'promoted';
  source_kind: 'response' | 'suggestion';
  source_id: string;
  category: CaseCategory;
  state: CaseState;
  assignee: string | null;
  needs_callback: number;
  founded: number | null;
  call_attempts: number;
  call_outcome: CallOutcome | null;
  appeal: AppealState;
  score: number | null;
  opened_at: number;
  callback_due_at: number | null;
  due_at: number;
  /** The deadline that matters now (回访 while it is pending, then 办结); null once closed. Sorts the list. */
  next_due_at: number | null;
  verified_at: number | null;
  called_back_at: number | null;
  rectified_at: number | null;
  answered_at: number | null;
  closed_at: number | null;
  /** The hall's 反馈 as the public progress page shows it. */
  answer: string | null;
  /** sha256 (hex) of the citizen's tracking code. */
  track_hash: string | null;
  /** The 二次评价 QR case number, once made. */
  qr_case_no: string | null;
}

export interface CaseEventRow {
  case_number: string;
  seq: number;
  at: number;
  actor: string;
  action: string;
  from_state: CaseState;
  to_state: CaseState;
  note: string | null;
  /** JSON object. */
  detail: string;
}

export interface CaseListQuery {
  siteIds: readonly string[];
  /** 'open': neither closed nor withdrawn. */
  state: CaseState | 'open' | null;
  /** overdue: next_due_at <= now; due_today: now < next_due_at <= endOfToday. */
  due: 'overdue' | 'due_today' | null;
  now: number;
  endOfToday: number;
  windowId: string | null;
  staffId: string | null;
  assignee: string | null;
  appeal: AppealState | null;
  /** A staff account's own cases: its staff member's, or assigned to it. */
  mine: { staffId: string | null; username: string } | null;
  /** opened_at in [openedFrom, openedTo). */
  openedFrom: number | null;
  openedTo: number | null;
  offset: number;
  limit: number;
}

export interface VetoRow {
  id: number; site_id: string; subject: 'window' | 'staff'; subject_id: string; month: string; reason: string;
  case_id: string | null; created_by: string; created_at: number; lifted_at: number | null; lifted_by: string | null; lift_reason: string | null;
}

export interface ExclusionRow { response_id: string; reason: string; case_number: string; by: string; at: number }

export interface CasesStore {
  bySource(kind: 'response' | 'suggestion', id: string): Promise<FollowupCaseRow | null>;
  /** The cases following any of these records, by source id: one query for a whole sync batch. */
  bySources(kind: 'response' | 'suggestion', ids: readonly string[]): Promise<Map<string, FollowupCaseRow>>;
  byNumber(number: string): Promise<FollowupCaseRow | null>;
  /**
   * The case as it stands, held against every other unit of work's step until this one ends (PostgreSQL: the row
   * locked FOR UPDATE; SQLite writes one unit at a time already): a step decides on it and writes it, never on a
   * state another step has moved on meanwhile. Inside `store.tx` only.
   */
  byNumberForStep(number: string): Promise<FollowupCaseRow | null>;
  byTrackHash(hash: string): Promise<FollowupCaseRow | null>;
  /** Reserves `count` (default 1) serials of a site's month (1, 2, …) and returns the first; call inside the unit of work that inserts the cases. */
  nextSerial(siteId: string, month: string, count?: number): Promise<number>;
  /** Inserts unless a case already follows the same source record; true when inserted. */
  insert(row: FollowupCaseRow): Promise<boolean>;
  /** `insert` for many cases in one statement; returns the numbers of those inserted. */
  insertMany(rows: readonly FollowupCaseRow[]): Promise<Set<string>>;
  update(number: string, patch: Partial<Omit<FollowupCaseRow, 'number'>>): Promise<void>;
  /** Appends timeline entries (several may share a case) and returns each one's seq, in order. */
  appendEvents(es: ReadonlyArray<Omit<CaseEventRow, 'seq'>>): Promise<number[]>;
  events(number: string): Promise<CaseEventRow[]>;
  /** Sorted by next deadline (closed last), then number. */
  list(q: CaseListQuery): Promise<{ rows: FollowupCaseRow[]; total: number }>;
  /** Every case of the sites opened in [from, to). */
  opened(siteIds: readonly string[], from: number, to: number): Promise<FollowupCaseRow[]>;
  /** The same cases in (opened_at, number) order, a page at a time as the consumer asks (keyset pages, no transaction held). */
  openedPages(siteIds: readonly string[], from: number, to: number, pageSize: number): AsyncIterable<FollowupCaseRow[]>;
  /** Marks a rating excluded (申诉复核 upheld): kept, left out of every figure like a suspect one. */
  exclude(e: ExclusionRow): Promise<boolean>;
  exclusions(responseIds: readonly string[]): Promise<Map<string, ExclusionRow>>;
  /** 二次评价 ratings stored against a QR case number. */
  followUps(qrCaseNo: string): Promise<Array<{ id: string; counted_at: number; score: number; comment: string | null }>>;
  vetoList(siteIds: readonly string[], month: string | null): Promise<VetoRow[]>;
  vetoById(id: number): Promise<VetoRow | null>;
  liftVeto(id: number, by: string, reason: string, at: number): Promise<boolean>;
}

/** Every column of followup_cases, in table order (both engines). */
export const CASE_COLS = ['number', 'site_id', 'window_id', 'staff_id', 'kind', 'source_kind', 'source_id', 'category', 'state', 'assignee',
  'needs_callback', 'founded', 'call_attempts', 'call_outcome', 'appeal', 'score', 'opened_at', 'callback_due_at', 'due_at', 'next_due_at',
  'verified_at', 'called_back_at', 'rectified_at', 'answered_at', 'closed_at', 'answer', 'track_hash', 'qr_case_no'] as const;
