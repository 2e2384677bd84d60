/** The monthly report (月度通报) as alerts send it: the insights bulletin's figures, for e-mail and for chat robots. */
import type { AlertLang, AlertMessage } from '../../shared/alerts/messages';
import type { Bulletin, BulletinRow } from '../../shared/insights/wire';
import { esc, htmlTable, pct } from './digest';

interface Dict {
  readonly subject: (b: Bulletin) => string;
  readonly overall: (b: Bulletin) => string;
  readonly windowHead: readonly string[];
  readonly staffHead: readonly string[];
  readonly lastTwice: string;
  readonly vetoes: string;
  readonly warnings: string;
  readonly since: (day: string) => string;
  readonly aside: (main: string, note: string) => string;
  readonly sep: string;
  readonly vetoed: string;
  readonly unranked: (min: number) => string;
  readonly none: string;
  readonly open: string;
}

const T: Record<AlertLang, Dict> = {
  'zh-CN': {
    subject: (b) => `【月度通报】${b.siteName} ${b.month}`,
    overall: (b) => `全月评价 ${b.total.ratings} 条，满意率 ${pct(b.total.satisfaction)}（上月 ${pct(b.total.before)}）`,
    windowHead: ['排名', '窗口', '评价数', '满意率', '星级', '上月排名'],
    staffHead: ['排名', '工作人员', '评价数', '满意率', '星级', '上月排名'],
    lastTwice: '连续两个月排名末位（约谈）', vetoes: '一票否决', warnings: '满意率预警', since: (d) => `自 ${d} 起`,
    aside: (m, n) => `${m}（${n}）`, sep: '、',
    vetoed: '一票否决', unranked: (n) => `评价不足 ${n} 条的不排名、不评星级。`, none: '无', open: '查看通报',
  },
  en: {
    subject: (b) => `[Monthly report] ${b.siteName} ${b.month}`,
    overall: (b) => `${b.total.ratings} ratings, satisfaction ${pct(b.total.satisfaction)} (last month ${pct(b.total.before)})`,
    windowHead: ['Rank', 'Window', 'Ratings', 'Satisfaction', 'Stars', 'Rank last month'],
    staffHead: ['Rank', 'Staff', 'Ratings', 'Satisfaction', 'Stars', 'Rank last month'],
    lastTwice: 'Ranked last two months running (talk)', vetoes: 'Vetoes', warnings: 'Early warnings', since: (d) => `since ${d}`,
    aside: (m, n) => `${m} (${n})`, sep: '; ',
    vetoed: 'vetoed', unranked: (n) => `Fewer than ${n} ratings: no rank and no stars.`, none: 'none', open: 'Open the report',
  },
};

const rank = (r: number | null): string => (r === null ? '—' : String(r));

function tableRows(rows: readonly BulletinRow[], t: Dict): string[][] {
  // The bulletin's grade text says 一票否决 for a veto; English readers get the word in their language.
  return rows.map((r) => [rank(r.rank), r.label, String(r.total), pct(r.satisfaction), r.veto !== null ? t.vetoed : r.grade, rank(r.rankBefore)]);
}

/** The three lists a hall acts on: windows last two months running, vetoes with their reason, new early warnings. */
function lists(b: Bulletin, t: Dict): { lastTwice: string; vetoes: string; warnings: string } {
  const join = (xs: string[]) => xs.join(t.sep) || t.none;
  return {
    lastTwice: join(b.lastTwice.map((w) => w.label)),
    vetoes: join(b.vetoes.map((v) => t.aside(v.label, v.reason))),
    warnings: join(b.warnings.map((w) => (w.result.kind === 'warning' ? t.aside(w.label, t.since(w.result.since)) : w.label))),
  };
}

/** The report as an e-mail: subject, plain text, and HTML with the window and staff tables (星级, rank against last month). */
export function monthlyEmail(b: Bulletin, lang: AlertLang, link: string): { subject: string; text: string; html: string } {
  const t = T[lang];
  const l = lists(b, t);
  const windows = tableRows(b.windows, t), staff = tableRows(b.staff, t);
  const text = [
    t.subject(b), '', t.overall(b), '', t.windowHead.join('\t'), ...windows.map((r) => r.join('\t')), '',
    t.staffHead.join('\t'), ...staff.map((r) => r.join('\t')), '', t.unranked(b.minRatings), '',
    `${t.lastTwice}: ${l.lastTwice}`, `${t.vetoes}: ${l.vetoes}`, `${t.warnings}: ${l.warnings}`, '', `${t.open}: ${link}`,
  ].join('\n');
  const html = `<!doctype html><html><body style="font-family:sans-serif">
<h2 style="font-size:18px">${esc(t.subject(b))}</h2>
<p>${esc(t.overall(b))}</p>
${htmlTable(t.windowHead, windows)}
<p></p>
${htmlTable(t.staffHead, staff)}
<p style="color:#555">${esc(t.unranked(b.minRatings))}</p>
<p><b>${esc(t.lastTwice)}</b>: ${esc(l.lastTwice)}<br><b>${esc(t.vetoes)}</b>: ${esc(l.vetoes)}<br><b>${esc(t.warnings)}</b>: ${esc(l.warnings)}</p>
<p><a href="${esc(link)}">${esc(t.open)}</a></p>
</body></html>`;
  return { subject: t.subject(b), text, html };
}

/** The report as a short chat message with a link: overall figure, 约谈, vetoes and warnings. */
export function monthlyMessage(b: Bulletin, lang: AlertLang, link: string): AlertMessage {
  const t = T[lang];
  const l = lists(b, t);
  return { title: t.subject(b), lines: [t.overall(b), `${t.lastTwice}: ${l.lastTwice}`, `${t.vetoes}: ${l.vetoes}`, `${t.warnings}: ${l.warnings}`], link };
}
