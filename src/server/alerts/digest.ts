import { named, type AlertLang, type AlertMessage, type Named } from '../../shared/alerts/messages';

/** Figures of one daily digest: yesterday per window, today's due and overdue cases, stale kiosks; names in each language. */
export interface DigestData {
  readonly hall: Named;
  readonly day: string;
  readonly windows: readonly { name: Named; total: number; bad: number; rate: number | null }[];
  /** Open cases due later today and past their deadline (hall time, as of the report); null is shown as —. */
  readonly dueToday: number | null;
  readonly overdue: number | null;
  readonly staleKiosks: readonly string[];
  readonly link: string;
}

const T = {
  'zh-CN': {
    subject: (d: DigestData) => `【每日简报】${named(d.hall, 'zh-CN')} ${d.day}`,
    head: ['窗口', '评价数', '差评', '满意率'], due: '今日到期工单', overdue: '已超期工单', stale: '离线评价器', none: '无', open: '打开看板',
  },
  en: {
    subject: (d: DigestData) => `[Daily digest] ${named(d.hall, 'en')} ${d.day}`,
    head: ['Window', 'Ratings', 'Bad', 'Satisfaction'], due: 'Cases due today', overdue: 'Overdue cases', stale: 'Silent kiosks', none: 'none', open: 'Open the dashboard',
  },
} as const;

/** A rate as a percentage with one decimal, or — when there is none. */
export const pct = (r: number | null): string => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);
/** Text safe inside HTML. */
export const esc = (s: string): string => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** A table with inline styles only, as mail clients drop <style> and most CSS classes. */
export function htmlTable(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const cell = 'style="border:1px solid #ccc;padding:4px 8px;text-align:left"';
  return `<table cellpadding="0" cellspacing="0" style="border-collapse:collapse">
<tr>${head.map((h) => `<th ${cell}>${esc(h)}</th>`).join('')}</tr>
${rows.map((r) => `<tr>${r.map((c) => `<td ${cell}>${esc(c)}</td>`).join('')}</tr>`).join('\n')}
</table>`;
}

/** The digest as an e-mail: subject, plain text and an HTML table with inline styles (mail clients drop <style>). */
export function digestEmail(d: DigestData, lang: AlertLang): { subject: string; text: string; html: string } {
  const t = T[lang];
  const rows = d.windows.map((w) => [named(w.name, lang), String(w.total), String(w.bad), pct(w.rate)]);
  const text = [
    t.subject(d), '', t.head.join('\t'), ...rows.map((r) => r.join('\t')), '',
    `${t.due}: ${d.dueToday ?? '—'}`, `${t.overdue}: ${d.overdue ?? '—'}`, `${t.stale}: ${d.staleKiosks.join('、') || t.none}`, '', `${t.open}: ${d.link}`,
  ].join('\n');
  const html = `<!doctype html><html><body style="font-family:sans-serif">
<h2 style="font-size:18px">${esc(t.subject(d))}</h2>
${htmlTable(t.head, rows)}
<p>${esc(t.due)}: ${d.dueToday ?? '—'}<br>${esc(t.overdue)}: ${d.overdue ?? '—'}<br>${esc(t.stale)}: ${esc(d.staleKiosks.join('、') || t.none)}</p>
<p><a href="${esc(d.link)}">${esc(t.open)}</a></p>
</body></html>`;
  return { subject: t.subject(d), text, html };
}

/** The digest as a short chat message with a link (robots get a summary, not the table). */
export function digestMessage(d: DigestData, lang: AlertLang): AlertMessage {
  const t = T[lang];
  const total = d.windows.reduce((s, w) => s + w.total, 0);
  const bad = d.windows.reduce((s, w) => s + w.bad, 0);
  return {
    title: t.subject(d),
    lines: [`${t.head[1]} ${total} · ${t.head[2]} ${bad}`, `${t.due} ${d.dueToday ?? '—'} · ${t.overdue} ${d.overdue ?? '—'}`, `${t.stale}: ${d.staleKiosks.length}`],
    link: d.link,
  };
}
