/** Misuse detection on one kiosk: presses faster than a person finishing a survey are kept but flagged. */

export interface MisuseRules {
  /** A rating this soon after the previous thank-you was shown is suspect. */
  readonly minSecondsAfterThanks: number;
  /** More ratings than this within `windowMinutes` makes the next one suspect. */
  readonly maxRatingsPerWindow: number;
  readonly windowMinutes: number;
}

export const DEFAULT_MISUSE: MisuseRules = { minSecondsAfterThanks: 3, maxRatingsPerWindow: 20, windowMinutes: 10 };

export type SuspectReason = 'too_soon_after_thanks' | 'too_many_ratings';

export type MisuseVerdict = { suspect: false } | { suspect: true; reason: SuspectReason };

/** What the kiosk remembers of its recent past. */
export interface RecentActivity {
  /** When the last thank-you screen was shown (ms), or null. */
  readonly lastThanksAt: number | null;
  /** When earlier ratings were made (ms), any order; older ones are ignored. */
  readonly ratingTimes: readonly number[];
}

/** Judges a new rating made at `now`: flagged when it comes too soon after a thank-you or over the rate limit. */
export function judgeRating(now: number, recent: RecentActivity, rules: MisuseRules = DEFAULT_MISUSE): MisuseVerdict {
  if (recent.lastThanksAt !== null && now >= recent.lastThanksAt && now - recent.lastThanksAt < rules.minSecondsAfterThanks * 1000) {
    return { suspect: true, reason: 'too_soon_after_thanks' };
  }
  const since = now - rules.windowMinutes * 60_000;
  const inWindow = recent.ratingTimes.filter((t) => t > since && t <= now).length;
  if (inWindow >= rules.maxRatingsPerWindow) return { suspect: true, reason: 'too_many_ratings' };
  return { suspect: false };
}

/** Keeps only the rating times that can still matter for the rate limit. */
export function pruneRatingTimes(times: readonly number[], now: number, rules: MisuseRules = DEFAULT_MISUSE): number[] {
  const since = now - rules.windowMinutes * 60_000;
  return times.filter((t) => t > since);
}
