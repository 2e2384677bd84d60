/** Rows as the store keeps them: the same columns, names and types on every engine. */

/** One rating (评价) as stored; `reasons` is a JSON array of reason codes. */
export interface ResponseRow {
  id: string; rev: number; payload_hash: string; site_id: string; window_id: string; staff_id: string | null;
  /** The kiosk that made it, or for a phone's record the phone's device id (a record is its maker's). */
  kiosk_id: string | null; device_id: string | null; channel: string; token_kind: string | null; case_no: string | null; follow_up: number;
  score: number; scale: number; reasons: string; comment: string | null; phone: string | null; device_time: string;
  received_at: number; counted_at: number; day: string; hour: number; weekday: number; seq: number | null;
  suspect: number; flags: string;
}

/** One suggestion-box entry (意见箱) as stored. */
export interface SuggestionRow {
  id: string; rev: number; payload_hash: string; site_id: string; window_id: string; staff_id: string | null;
  kiosk_id: string | null; device_id: string | null; channel: string; category: string; text: string; contact: string | null; device_time: string;
  received_at: number; counted_at: number; day: string; seq: number | null; flags: string;
}

export type Role = 'admin' | 'supervisor' | 'staff';

export interface UserRow {
  id: number; username: string; role: Role; password_hash: string; sites: string[]; staff_id: string | null;
  created_at: number; disabled_at: number | null;
}

export interface KioskRow {
  id: string; token_hash: string; site_id: string; window_id: string; created_at: number; revoked_at: number | null;
  last_seen_at: number | null; last_seq: number | null; heartbeat: string | null; seq_missing: number; seq_gaps: string;
  /** The name given at pairing, or null (the window's number and name). */
  name: string | null;
  /** JSON list of the windows it showed before it was moved to `window_id`. */
  past_windows: string;
}

export interface AuditRow { id: number; at: number; actor: string; action: string; detail: string; address: string | null }

export interface SecretRow { kid: string; site_id: string; secret: string }

/** A service case; `created_by` is its first issuer (`kiosk:<id>` or a username), kept when it is issued again. */
export interface CaseRow { case_no: string; site_id: string; window_id: string; rectified_at: number | null; created_by: string }

/** A queue or receipt system's key: it issues case codes for the windows of one hall. */
export interface IntegrationKeyRow {
  id: number; site_id: string; label: string; created_by: string; created_at: number; revoked_at: number | null;
}

export interface DisplayTokenRow {
  id: number; site_id: string; label: string; created_by: string; created_at: number; revoked_at: number | null;
}

export interface SeqGap { from: number; to: number }

export interface SeqGapReport {
  /** How many numbers are missing between the lowest and highest received. */
  missing: number;
  /** The first gaps, lowest first. */
  gaps: SeqGap[];
  highest: number | null;
}
