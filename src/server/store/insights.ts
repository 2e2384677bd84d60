/** Store area `insights`: what the insights read (day counts, reasons, comments) and the category corrections they keep. */

/** Ratings of one score for one window and staff member on one day (suspect ratings left out). */
export interface ScoreCountRow { readonly day: string; readonly windowId: string; readonly staffId: string; readonly score: number; readonly n: number }

/** Bad-review reasons given on one day for one window and staff member. */
export interface ReasonCountRow { readonly day: string; readonly windowId: string; readonly staffId: string; readonly reason: string; readonly n: number }

/** A rating's comment or a suggestion-box entry. */
export interface CommentRow {
  readonly id: string;
  readonly kind: 'response' | 'suggestion';
  readonly day: string;
  readonly windowId: string | null;
  readonly staffId: string | null;
  readonly text: string;
  /** The rating's score; null for a suggestion. */
  readonly score: number | null;
  /** The suggestion's category (建议/投诉/表扬/咨询); null for a rating. */
  readonly category: string | null;
}

export interface CommentQuery {
  readonly siteId: string;
  readonly from: string;
  readonly to: string;
  readonly windowId?: string | null;
  readonly staffId?: string | null;
  readonly limit: number;
}

/** A supervisor's correction of a comment's categories; the latest per comment wins. */
export interface Correction {
  readonly siteId: string;
  readonly commentId: string;
  readonly categories: readonly string[];
  /** Categories the rules had given, kept so the change can be shown and learnt from. */
  readonly previous: readonly string[];
  readonly by: string;
  readonly at: number;
}

export interface InsightsStore {
  scoreCounts(siteId: string, from: string, to: string): Promise<ScoreCountRow[]>;
  reasonCounts(siteId: string, from: string, to: string): Promise<ReasonCountRow[]>;
  /** Newest first, at most `limit`. */
  comments(q: CommentQuery): Promise<CommentRow[]>;
  /** One comment of a site (a rating's or a suggestion), or null. */
  comment(siteId: string, id: string): Promise<CommentRow | null>;
  addCorrection(c: Correction): Promise<void>;
  /** The latest correction of each comment of the site. */
  corrections(siteId: string): Promise<Correction[]>;
}
