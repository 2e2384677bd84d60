/**
 * The case export (cases.csv): cases opened in a range, read from the store a page at a time with the phone
 * of each page's source records, so a year of cases streams in flat memory like the other exports.
 */
import type { Areas } from '../store';
import type { ConfigIndex } from '../config/load';
import type { Cell } from '../../shared/csv';
import { maskContact } from '../../shared/contact';
import { maskPhone } from '../../shared/phone';
import { caseSummary } from '../cases/view';
import { csvStream } from './stream';
import { InstantText, LocalClock } from './local-time';

export const CASE_CSV_HEADER = ['number', 'site', 'window', 'staff', 'kind', 'category', 'state', 'assignee', 'score', 'phone',
  'needs_callback', 'founded', 'call_outcome', 'appeal', 'opened_at', 'callback_due_at', 'due_at', 'called_back_at', 'closed_at', 'due',
  // The same times on the hall's clock (YYYY-MM-DD HH:mm:ss), as a spreadsheet reads them: an early-morning case
  // in UTC falls on the day before, which hides whether it was called back within its working day.
  'opened_at_local', 'callback_due_at_local', 'due_at_local', 'called_back_at_local', 'closed_at_local'] as const;

/** Cases per page: one store read and one phone lookup each. */
export const CASE_PAGE = 500;

export interface CaseExport { siteId: string; from: number; to: number; personal: boolean; now: number }

const turn = () => new Promise<void>((ok) => setImmediate(ok));

/** Pages of CSV cells: each page's phones looked up together, masked unless personal data was asked for. */
async function* casePages(store: Pick<Areas, 'cases' | 'ingest'>, config: ConfigIndex, q: CaseExport): AsyncGenerator<Cell[][]> {
  const clock = new LocalClock(config.sites.get(q.siteId)?.timeZone ?? 'Asia/Shanghai');
  const text = new InstantText();
  const local = (ms: number | null): string | null => (ms === null ? null : text.wall(clock.wall(ms)));
  for await (const page of store.cases.openedPages([q.siteId], q.from, q.to, CASE_PAGE)) {
    await turn(); // other requests are answered between pages, even for a fast reader
    // a rating's phone, or a complaint's contact (an e-mail, a WeChat id…), each masked by its own rule
    const phones = new Map<string, { text: string | null; mask: (s: string | null) => string }>();
    const responses = await store.ingest.findResponses(page.filter((x) => x.source_kind === 'response').map((x) => x.source_id));
    const suggestions = await store.ingest.findSuggestions(page.filter((x) => x.source_kind === 'suggestion').map((x) => x.source_id));
    for (const [id, x] of responses) phones.set(id, { text: x.phone, mask: maskPhone });
    for (const [id, x] of suggestions) phones.set(id, { text: x.contact, mask: maskContact });
    yield page.map((x) => {
      const s = caseSummary(config, x, q.now);
      const contact = phones.get(x.source_id);
      const phone = contact?.text ?? null;
      return [s.number, s.siteId, s.windowLabel, s.staffLabel, s.kind, s.category, s.state, s.assignee, s.score,
        q.personal ? phone : contact?.mask(phone) ?? '', s.needsCallback, s.founded, s.callOutcome, s.appeal, s.openedAt, s.callbackDueAt, s.dueAt,
        x.called_back_at === null ? null : new Date(x.called_back_at).toISOString(), s.closedAt, s.due,
        local(x.opened_at), local(x.callback_due_at), local(x.due_at), local(x.called_back_at), local(x.closed_at)];
    });
  }
}

/** The case CSV as a byte stream (BOM, CRLF, formula guard); cancelling stops the reads. */
export function caseCsvStream(store: Pick<Areas, 'cases' | 'ingest'>, config: ConfigIndex, q: CaseExport): ReadableStream<Uint8Array> {
  return csvStream<Cell[]>(CASE_CSV_HEADER, casePages(store, config, q), (r) => r);
}
