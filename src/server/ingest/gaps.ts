/**
 * Per-kiosk sequence gaps: every record a device saves takes the next number, so a number the endpoint
 * never received is either still queued on the device, a dead letter there, or lost. Read together with
 * the heartbeat's `pending` and `deadLetters`, a gap that outlives an empty queue is a loss to look into.
 */
import type { Db } from '../db/sqlite';

export interface SeqGap {
  from: number;
  to: number;
}

export interface SeqGapReport {
  /** How many numbers are missing between the lowest and highest received. */
  missing: number;
  /** The first gaps, lowest first (at most `limit`). */
  gaps: SeqGap[];
  highest: number | null;
}

/** Finds the holes in one kiosk's received sequence numbers (responses and suggestions share the counter). */
export function seqGaps(db: Db, kioskId: string, limit = 20): SeqGapReport {
  const span = db.prepare(`SELECT min(seq) AS lo, max(seq) AS hi, count(*) AS n FROM (
      SELECT seq FROM responses WHERE kiosk_id = ? AND seq IS NOT NULL
      UNION SELECT seq FROM suggestions WHERE kiosk_id = ? AND seq IS NOT NULL)`).get(kioskId, kioskId) as { lo: number | null; hi: number | null; n: number };
  if (span.lo === null || span.hi === null) return { missing: 0, gaps: [], highest: null };
  const missing = span.hi - span.lo + 1 - span.n;
  if (missing === 0) return { missing: 0, gaps: [], highest: span.hi };
  const gaps = db.prepare(`WITH s AS (
      SELECT seq FROM responses WHERE kiosk_id = ? AND seq IS NOT NULL
      UNION SELECT seq FROM suggestions WHERE kiosk_id = ? AND seq IS NOT NULL),
    l AS (SELECT seq, lag(seq) OVER (ORDER BY seq) AS prev FROM s)
    SELECT prev + 1 AS "from", seq - 1 AS "to" FROM l WHERE seq > prev + 1 ORDER BY seq LIMIT ?`).all(kioskId, kioskId, limit) as SeqGap[];
  return { missing, gaps, highest: span.hi };
}

/** Recomputes and stores a kiosk's gaps; returns them for the caller's answer or log. */
export function recordSeqGaps(db: Db, kioskId: string): SeqGapReport {
  const report = seqGaps(db, kioskId);
  db.prepare('UPDATE kiosks SET seq_missing = ?, seq_gaps = ?, last_seq = max(coalesce(last_seq, 0), coalesce(?, 0)) WHERE id = ?')
    .run(report.missing, JSON.stringify(report.gaps), report.highest, kioskId);
  return report;
}
