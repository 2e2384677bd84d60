/** One response or suggestion in full, as the comments list opens it: a rating's phone, a suggestion's contact (phone, e-mail, WeChat id…) and the numbers typed into its text masked, flags, its case if any. */
import type { Areas } from '../store';
import type { ConfigIndex } from '../config/load';
import { maskPhone } from '../../shared/phone';
import { maskContact, maskPhonesInText } from '../../shared/contact';
import { staffLabel, windowLabel } from './labels';
import type { FeedbackRecord } from '../../shared/api';

export type { FeedbackRecord };

const iso = (ms: number) => new Date(ms).toISOString();

/** The record, or null when there is none with this id. */
export async function feedbackRecord(store: Pick<Areas, 'ingest' | 'cases'>, config: ConfigIndex, kind: 'response' | 'suggestion', id: string): Promise<FeedbackRecord | null> {
  const caseRow = await store.cases.bySource(kind, id);
  const labels = (w: string, s: string | null) => ({ windowId: w, windowLabel: windowLabel(config, w), staffId: s, staffLabel: s ? staffLabel(config, s) : null });
  if (kind === 'response') {
    const r = (await store.ingest.findResponses([id])).get(id);
    if (!r) return null;
    return {
      kind, id, siteId: r.site_id, ...labels(r.window_id, r.staff_id), channel: r.channel, deviceTime: r.device_time, receivedAt: iso(r.received_at),
      countedAt: iso(r.counted_at), score: r.score, category: null, reasons: JSON.parse(r.reasons) as string[], text: maskPhonesInText(r.comment ?? ''),
      phone: maskPhone(r.phone), suspect: r.suspect === 1, excluded: r.suspect === 2, flags: r.flags ? r.flags.split(' ') : [], revision: r.rev,
      caseNumber: caseRow?.number ?? null,
    };
  }
  const s = (await store.ingest.findSuggestions([id])).get(id);
  if (!s) return null;
  return {
    kind, id, siteId: s.site_id, ...labels(s.window_id, s.staff_id), channel: s.channel, deviceTime: s.device_time, receivedAt: iso(s.received_at),
    countedAt: iso(s.counted_at), score: null, category: s.category, reasons: [], text: maskPhonesInText(s.text), phone: maskContact(s.contact),
    suspect: false, excluded: false, flags: s.flags ? s.flags.split(' ') : [], revision: s.rev, caseNumber: caseRow?.number ?? null,
  };
}
