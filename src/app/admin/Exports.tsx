import { useRef, useState } from 'preact/hooks';
import { PERSONAL_REASON_MAX, PERSONAL_REASON_MIN, type WindowList } from '../../shared/api';
import { siteDay } from '../../shared/time';
import { api } from '../common/api';
import { useLang, useTexts } from '../i18n/lang';
import { adminText } from '../i18n/admin';
import { staffText } from '../i18n/staff';
import { windowName } from '../i18n/format';
import { fill, pick } from '../i18n/use';

const WHAT = ['responses', 'suggestions', 'daily', 'cases'] as const;
type What = (typeof WHAT)[number];
const FORMATS = ['xlsx', 'csv', 'jsonl'] as const;
type Format = (typeof FORMATS)[number];
/** The endpoint writes the daily aggregates as CSV and JSON Lines only (src/server/routes/export.ts), the follow-up cases as CSV only. */
const formatOf = (what: What, format: Format): Format => (what === 'cases' ? 'csv' : what === 'daily' && format === 'xlsx' ? 'csv' : format);

/** Where a personal-data download's form posts: the attachment is saved and the page stays (an error stays in the frame). */
const DOWNLOAD_FRAME = 'personal-download';

/**
 * Exports with the dashboard's filters; personal data only with a reason, written to the audit log. Those downloads
 * are a form post with the reason and the CSRF token in its body, so neither sits in a URL (history, proxy logs).
 */
export function Exports({ windows, isAdmin }: { windows: WindowList | null; isAdmin: boolean }) {
  const lang = useLang();
  const t = useTexts(adminText);
  const s = useTexts(staffText);
  // The hall's today, not the browser's: days are counted in the site's time zone.
  const zone = windows?.sites[0]?.timeZone ?? 'Asia/Shanghai';
  const today = siteDay(Date.now(), zone);
  const [site, setSite] = useState('');
  const [from, setFrom] = useState(today.slice(0, 8) + '01');
  const [to, setTo] = useState(today);
  const [windowId, setWindowId] = useState('');
  const [suspect, setSuspect] = useState(false);
  const [gb, setGb] = useState(false);
  const [format, setFormat] = useState<Format>('csv');
  const [personal, setPersonal] = useState(false);
  const [reason, setReason] = useState('');
  const siteId = site || windows?.sites[0]?.id || '';
  const [refused, setRefused] = useState(false);
  const sent = useRef(false);
  const reasonOk = reason.trim().length >= PERSONAL_REASON_MIN;
  const posted = (what: What) => personal && what !== 'daily';

  /** The download's URL holds the filters only; a personal download posts its reason and token in the body. */
  const url = (what: What) => {
    const q = new URLSearchParams({ site: siteId, from, to });
    // The follow-up cases of the hall opened in the range (src/server/routes/case-figures.ts): no window or suspect filter.
    if (what === 'cases') return `/api/v1/cases.csv?${q}`;
    if (windowId) q.set('window', windowId);
    if (suspect) q.set('suspect', '1');
    if (gb && what === 'responses') q.set('gb', '1');
    return `/api/v1/export/${what}.${formatOf(what, format)}?${q}`;
  };
  const label = (what: What) => `${t[`what_${what}`]}${formatOf(what, format) !== format ? ` ${t.asCsv}` : ''}`;
  const month = to.slice(0, 7);
  // A date typed past the other (the pickers' min and max do not stop typing): the endpoint would refuse it, and a
  // refused download shows nothing, so the buttons wait for a range that holds together.
  const reversed = from !== '' && to !== '' && from > to;

  return (
    <section class="card">
      <h2>{t.exportTitle}</h2>
      <div class="filters">
        <label>{s.hall}
          <select value={siteId} onChange={(e) => { setSite((e.target as HTMLSelectElement).value); setWindowId(''); }}>
            {windows?.sites.map((x) => <option key={x.id} value={x.id}>{pick(x.name, lang)}</option>)}
          </select>
        </label>
        <label>{s.from}<input type="date" value={from} max={to} onChange={(e) => setFrom((e.target as HTMLInputElement).value)} /></label>
        <label>{s.to}<input type="date" value={to} min={from} onChange={(e) => setTo((e.target as HTMLInputElement).value)} /></label>
        <label>{s.window}
          <select value={windowId} onChange={(e) => setWindowId((e.target as HTMLSelectElement).value)}>
            <option value="">{s.allWindows}</option>
            {windows?.windows.filter((w) => w.siteId === siteId).map((w) => <option key={w.id} value={w.id}>{windowName(w, lang)}</option>)}
          </select>
        </label>
        <label>{t.format}
          <select value={format} onChange={(e) => setFormat((e.target as HTMLSelectElement).value as Format)}>
            {FORMATS.map((f) => <option key={f} value={f}>{t[`format_${f}`]}</option>)}
          </select>
        </label>
      </div>
      <div class="options">
        <label class="check"><input type="checkbox" checked={suspect} onChange={(e) => setSuspect((e.target as HTMLInputElement).checked)} />{t.includeSuspect}</label>
        <label class="check"><input type="checkbox" checked={gb} onChange={(e) => setGb((e.target as HTMLInputElement).checked)} />{t.gbColumn}</label>
        {isAdmin && <label class="check"><input type="checkbox" checked={personal} onChange={(e) => setPersonal((e.target as HTMLInputElement).checked)} />{t.personal}</label>}
      </div>
      {personal && (
        <label class="reason">{t.exportReason}
          <input value={reason} onInput={(e) => setReason((e.target as HTMLInputElement).value)} placeholder={t.exportReasonHint} maxLength={PERSONAL_REASON_MAX} aria-describedby="reason-needed" />
        </label>
      )}
      {personal && !reasonOk && <p id="reason-needed" class="muted small" role="status">{t.exportReasonNeeded}</p>}
      {reversed && <p class="error" role="alert">{s.err_bad_range}</p>}
      <form method="post" target={DOWNLOAD_FRAME} onSubmit={() => { sent.current = true; setRefused(false); }}>
        {personal && <input type="hidden" name="csrf" value={api.csrf()} />}
        {personal && <input type="hidden" name="reason" value={reason.trim()} />}
        <ul class="downloads">
          {WHAT.map((what) => (
            <li key={what}>
              {reversed
                ? <button type="button" class="btn btn-link disabled" disabled>{label(what)}</button>
                : posted(what)
                ? <button type="submit" class={`btn btn-link${reasonOk ? '' : ' disabled'}`} formAction={url(what)} disabled={!reasonOk}>{label(what)}</button>
                : <a class="btn btn-link" href={url(what)} download>{label(what)}</a>}
            </li>
          ))}
          <li><a class="btn btn-link secondary" href={`/api/v1/stats/month.csv?${new URLSearchParams({ site: siteId, month })}`} download>{fill(t.monthReport, { month })}</a></li>
        </ul>
      </form>
      {/* An attachment never loads a document here; an answer that does is a refusal (signed out, token stale). */}
      <iframe name={DOWNLOAD_FRAME} title={DOWNLOAD_FRAME} hidden onLoad={() => { if (sent.current) setRefused(true); }} />
      {refused && <p class="error" role="alert">{t.exportRefused}</p>}
      <p class="muted">{t.csvNote}</p>
    </section>
  );
}
