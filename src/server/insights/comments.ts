/** Comments of a period with their categories (rules, or a supervisor's correction), counts against the period before. */
import type { ConfigIndex } from '../config/load';
import type { Site } from '../../shared/config';
import type { CommentQuery, CommentRow, Correction, InsightsStore } from '../store/insights';
import { categorise, maskForViewer, type StaffRef } from '../../shared/insights/categories';
import { previousPeriod, type Period } from '../../shared/insights/periods';
import { staffRefs, stopWords } from '../../shared/insights/site';
import { suggestKeywords } from '../../shared/insights/suggest';
import type { CategorisedComment, CommentsReport } from '../../shared/insights/wire';
import type { Scope } from './compare';
import { maskPhonesInText } from '../../shared/contact';

/** At most this many comments per period are read (newest first); the counts say so when a period has more. */
export const COMMENT_LIMIT = 2000;

/**
 * Comments with the phone numbers typed into them masked (138****1234), for every viewer, admins included. Masked
 * before anything reads them, so no category hit, theme or suggested keyword is made of a hidden number's digits.
 */
export async function readComments(store: InsightsStore, q: CommentQuery): Promise<CommentRow[]> {
  return (await store.comments(q)).map((c) => ({ ...c, text: maskPhonesInText(c.text) }));
}

function classify(site: Site, staff: StaffRef[], corrections: Map<string, Correction>, c: CommentRow, isAdmin: boolean): CategorisedComment {
  const rules = site.insights.categories;
  const found = categorise(c.text, rules, staff);
  const fix = corrections.get(c.id);
  const hidden = new Set(rules.filter((r) => r.adminOnly).map((r) => r.code));
  const codes = (fix ? [...fix.categories] : found.codes).filter((code) => isAdmin || !hidden.has(code));
  return {
    id: c.id, kind: c.kind, day: c.day, windowId: c.windowId, staffId: c.staffId, score: c.score,
    text: maskForViewer(c.text, rules, isAdmin), codes,
    hits: found.hits.filter((h) => isAdmin || !hidden.has(h.code)),
    corrected: fix ? { by: fix.by, at: fix.at, rules: found.codes.filter((code) => isAdmin || !hidden.has(code)) } : null,
  };
}

/** The comments report; phone numbers masked for all, profanity masked and its category hidden unless `isAdmin`. */
export async function commentsReport(store: InsightsStore, config: ConfigIndex, site: Site, period: Period, scope: Scope, isAdmin: boolean): Promise<CommentsReport> {
  const prev = previousPeriod(period);
  const q = { siteId: site.id, windowId: scope.windowId, staffId: scope.staffId, limit: COMMENT_LIMIT };
  const [now, before, fixes] = await Promise.all([
    readComments(store, { ...q, ...period }), readComments(store, { ...q, ...prev }), store.corrections(site.id),
  ]);
  const corrections = new Map(fixes.map((f) => [f.commentId, f]));
  const staff = staffRefs(config.config, site);
  const comments = now.map((c) => classify(site, staff, corrections, c, isAdmin));
  const earlier = before.map((c) => classify(site, staff, corrections, c, isAdmin));
  const count = (list: CategorisedComment[], code: string) => list.filter((c) => c.codes.includes(code)).length;
  const categories = site.insights.categories.filter((r) => isAdmin || !r.adminOnly)
    .map((r) => ({ code: r.code, zh: r.zh, en: r.en, count: count(comments, r.code), before: count(earlier, r.code), adminOnly: r.adminOnly ?? false }));
  const texts = new Map([...now, ...before].map((c) => [c.id, c.text]));
  const corrected = fixes.filter((f) => texts.has(f.commentId))
    .map((f) => ({ text: texts.get(f.commentId)!, added: f.categories.filter((code) => !f.previous.includes(code)) }));
  return {
    siteId: site.id, period, previous: prev, categories, comments,
    suggestedKeywords: suggestKeywords(corrected, site.insights.categories, stopWords(site)),
  };
}
