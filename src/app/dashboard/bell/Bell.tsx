/**
 * The alert bell: unread count, list, acknowledge with a comment.
 * Polling every 5 s rather than server-sent events: one cheap COUNT per dashboard, no long-lived connection
 * for proxies in hall networks to cut, the session cookie and CSRF work as for every other call, and 5 s
 * keeps a new alert on screen well within the 10 s the halls ask for.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { useLatest } from '../../common/latest';
import * as v from 'valibot';
import { api } from '../../common/api';
import { AlertAckBodySchema, AlertAckSchema, BellListSchema, type BellAlert } from '../../../shared/alerts/wire';
import { ALERTS_DICTS, type AlertsDict } from '../../i18n/alerts';
import { useLang, useTexts } from '../../i18n/lang';
import { staffText } from '../../i18n/staff';
import { errorText, type Failure } from '../../i18n/format';
import { fill } from '../../i18n/use';
import { alertBody, alertCase, bellTime } from './text';
import { useNames } from '../names';
import './bell.css';

const POLL_MS = 5_000;

/** `me`: the signed-in user, so an assignment reads "to you" only to its assignee. */
export function Bell({ me }: { me: string }) {
  const t = ALERTS_DICTS[useLang()];
  const [unread, setUnread] = useState(0);
  const [open, setOpen] = useState(false);
  /** Where the top bar ends when the list opens: on a phone the list is laid under it, however many rows it wrapped to. */
  const [barEnd, setBarEnd] = useState(0);
  const [alerts, setAlerts] = useState<BellAlert[]>([]);
  const latest = useLatest();
  const polling = useRef(false);
  const load = async () => {
    const current = latest();
    const r = await api.get('/api/v1/alerts', BellListSchema);
    if (!current()) return;
    if (r.ok) { setUnread(r.data.unread); setAlerts(r.data.alerts); }
  };
  useEffect(() => {
    // On an endpoint slower than the poll, one poll at a time (the first load counts as one).
    const poll = () => {
      if (polling.current) return;
      polling.current = true;
      void load().finally(() => { polling.current = false; });
    };
    poll();
    const id = setInterval(poll, POLL_MS);
    return () => clearInterval(id);
  }, []);
  return (
    <div class="bell">
      <button type="button" class="bell-button" aria-expanded={open} aria-label={fill(t.unread, { n: unread })} onClick={(e) => {
        setBarEnd(Math.round((e.currentTarget as HTMLElement).closest('header')?.getBoundingClientRect().bottom ?? 0));
        setOpen(!open);
      }}>
        {t.bell}{unread > 0 && <span class="bell-count" data-testid="bell-count">{unread}</span>}
      </button>
      {open && (
        <section class="bell-list popover" aria-label={t.bell} style={barEnd > 0 ? { '--bell-top': `${barEnd + 4}px` } : undefined}>
          {alerts.length === 0 && <p class="muted">{t.none}</p>}
          {alerts.map((a) => <AlertItem key={a.id} a={a} t={t} me={me} onDone={load} />)}
        </section>
      )}
    </div>
  );
}

function AlertItem({ a, t, me, onDone }: { a: BellAlert; t: AlertsDict; me: string; onDone: () => Promise<void> }) {
  const [comment, setComment] = useState('');
  const s = useTexts(staffText);
  const [error, setError] = useState<Failure | null>(null);
  const kind = (t as Record<string, string>)[`kind_${a.kind}`] ?? a.kind;
  const body = alertBody(t, a, me);
  const lang = useLang();
  const names = useNames();
  // Which window, then which case: "收到1分差评…" alone did not say where.
  const about = [a.window_id ? names.window(a.window_id) : null, alertCase(t, a)].filter(Boolean).join(' · ') || null;
  const noteId = `ack-note-${a.id}`;
  const ack = async (e: Event) => {
    e.preventDefault();
    // The same rule as the endpoint's: a blank note is refused here, in the staff language, before anything is sent.
    if (!v.safeParse(AlertAckBodySchema, { comment }).success) {
      setError({ status: 400, error: 'invalid', field: 'comment', message: t.ackNeedsNote });
      return;
    }
    setError(null);
    const r = await api.post(`/api/v1/alerts/${encodeURIComponent(a.id)}/ack`, { comment }, AlertAckSchema);
    if (!r.ok) setError(r);
    else await onDone();
  };
  return (
    <article class={`bell-item${a.acked_at ? ' done' : ''}`} data-alert={a.id}>
      <h3>{kind} <small>{bellTime(a.raised_at, a.timeZone, lang)}</small></h3>
      {body && <p>{body}</p>}
      {about && <p class="muted">{about}</p>}
      <a href={a.link}>{t.open}</a>
      {a.closed_at !== null && <p class="muted">{t.closed}</p>}
      {a.acked_at !== null ? (
        <p class="muted">{fill(t.acked, { who: a.acked_by ?? '', when: bellTime(a.acked_at, a.timeZone, lang) })}{a.ack_comment ? fill(t.ackedNote, { note: a.ack_comment }) : ''}</p>
      ) : (
        <form onSubmit={ack} noValidate>
          <label>{t.ackComment} <input value={comment} placeholder={t.ackHint} aria-required="true" aria-invalid={error?.field === 'comment'}
            aria-describedby={error ? noteId : undefined} maxLength={500} onInput={(e) => setComment((e.target as HTMLInputElement).value)} /></label>
          <button type="submit">{t.ack}</button>
          {error && <span class="error" role="alert" id={noteId}>{errorText(s, error, { comment: t.ackNeedsNote })}</span>}
        </form>
      )}
    </article>
  );
}
