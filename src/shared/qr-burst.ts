/**
 * Misuse of QR ratings, judged at the endpoint without trusting anything the phone says about itself:
 * a use budget per presence code, a burst detector per window over recent minutes (rate and score pattern),
 * and repeats from one client address when a trusted proxy gives the real one.
 */

export interface QrBurstRules {
  /** Ratings one presence code may carry before the next is suspect (it rotates every 60 s, so a queue never needs more). */
  readonly presenceBudget: number;
  /** The detector looks back this far. */
  readonly windowMinutes: number;
  /** More QR ratings than this for one window inside the window makes the next suspect. */
  readonly maxPerWindow: number;
  /** At least this many QR ratings for one window, all with the same extreme score (1 or 5), is a pattern. */
  readonly patternMin: number;
}

export const DEFAULT_QR_BURST: QrBurstRules = { presenceBudget: 3, windowMinutes: 10, maxPerWindow: 6, patternMin: 4 };

export type QrSuspectReason = 'qr_token_budget' | 'qr_burst_rate' | 'qr_burst_pattern' | 'qr_repeat_address' | 'qr_repeat_phone';

/** An earlier QR rating (or suggestion) of the same window, as the endpoint noted it. */
export interface QrUse {
  readonly recordId: string;
  /** When the phone says it was made (never later than its arrival). */
  readonly at: number;
  /** When it reached the endpoint, by the endpoint's clock; null where it was noted before arrivals were kept. */
  readonly receivedAt: number | null;
  /** The rating's score; null for a suggestion. */
  readonly score: number | null;
  /** Which code it carried (a hash of the token). */
  readonly tokenId: string;
  readonly deviceId: string;
  /** The client address, when a trusted proxy gave one. */
  readonly address: string | null;
}

export interface QrCandidate {
  readonly recordId: string;
  readonly at: number;
  readonly receivedAt: number;
  /** null for a suggestion: suggestions are judged against suggestions, ratings against ratings. */
  readonly score: number | null;
  readonly tokenId: string;
  readonly tokenKind: 'presence' | 'poster' | 'case';
  readonly deviceId: string;
  readonly address: string | null;
}

/**
 * Every reason a new QR rating is suspect, given the window's earlier QR uses (any order; the record itself is ignored).
 * "Recent" is within the detector's window of the new one by either clock: the phone's (a queue of ratings made offline
 * keeps its spacing) or the endpoint's (a script that makes up its times, earlier and earlier or spread over past days,
 * still sends them now). A suggestion is judged against suggestions only, so a citizen who rates and then writes a
 * complaint is not a repeat. Case codes rate once by rule, so they are only judged by address and rate.
 */
export function judgeQrRating(c: QrCandidate, earlier: readonly QrUse[], rules: QrBurstRules = DEFAULT_QR_BURST): QrSuspectReason[] {
  const span = rules.windowMinutes * 60_000;
  const suggestion = c.score === null;
  const alike = earlier.filter((u) => u.recordId !== c.recordId && (u.score === null) === suggestion);
  const recent = alike.filter((u) => Math.abs(c.at - u.at) < span || (u.receivedAt !== null && Math.abs(c.receivedAt - u.receivedAt) < span));
  const reasons: QrSuspectReason[] = [];
  if (c.tokenKind === 'presence' && alike.filter((u) => u.tokenId === c.tokenId).length >= rules.presenceBudget) {
    reasons.push('qr_token_budget');
  }
  if (recent.some((u) => u.deviceId === c.deviceId)) reasons.push('qr_repeat_phone');
  if (c.address !== null && recent.some((u) => u.address === c.address)) reasons.push('qr_repeat_address');
  if (recent.length >= rules.maxPerWindow) reasons.push('qr_burst_rate');
  if (c.score === 1 || c.score === 5) {
    const same = recent.filter((u) => u.score === c.score).length;
    const scored = recent.filter((u) => u.score !== null).length;
    if (same + 1 >= rules.patternMin && same === scored) reasons.push('qr_burst_pattern');
  }
  return reasons;
}
