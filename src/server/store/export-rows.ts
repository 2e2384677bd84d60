/**
 * Export rows as arrays of the columns an export needs, in (day, id) order, a page at a time: arrays
 * instead of objects of every column make a 1M-row export several times cheaper to read.
 */
import type { ExportQuery } from './types';

/** Column order of a response row from `ExportRowsStore.responses`. */
export const RESPONSE_ROW_COLUMNS = [
  'id', 'site_id', 'window_id', 'staff_id', 'score', 'reasons', 'comment', 'phone', 'channel', 'token_kind', 'case_no', 'follow_up',
  'suspect', 'flags', 'day', 'device_time', 'received_at',
] as const;

/** Column order of a suggestion row from `ExportRowsStore.suggestions`. */
export const SUGGESTION_ROW_COLUMNS = [
  'id', 'site_id', 'window_id', 'staff_id', 'category', 'text', 'contact', 'channel', 'flags', 'day', 'device_time', 'received_at',
] as const;

export interface ExportRowsStore {
  /** Pages of responses matching the query; each page is read when the consumer asks for it. */
  responses(q: ExportQuery, pageSize: number): AsyncIterable<unknown[][]>;
  suggestions(q: ExportQuery, pageSize: number): AsyncIterable<unknown[][]>;
}

/** Operations on the database as a whole (backups, checks); SQLite only for now. */
export interface MaintenanceStore {
  /** `ok`, or what SQLite's integrity_check found. */
  integrityCheck(): Promise<string>;
  /** A consistent copy of the live database in `file`, taken while writes go on. */
  backupTo(file: string): Promise<{ pages: number }>;
}
