/** One case: the record in full (phone masked, reveal audited), deadlines, the timeline, and the steps the user may take next. */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../common/api';
import { CaseDetailSchema, FollowUpQrSchema, RevealedPhoneSchema, type CaseDetail } from '../../../shared/api';
import { CASE_STATE_TEXT, actorLabel, caseErrorText, caseStateLabel, eventLabel, eventOutcome, fillBi, CASE_TEXT as T, DUE_TEXT, KIND_TEXT } from '../../i18n/followup-dashboard';
import type { Failure } from '../../i18n/format';
import { useLang, usePick } from '../../i18n/lang';
import { StepForms } from './StepForms';
import { mayManageCases, type StepUser } from './steps';
import { dueTime, shortTime } from './util';

export function CasePage({ number, user, onBack }: { number: string; user: StepUser; onBack: () => void }) {
  const bi = usePick();
  const lang = useLang();
  const [c, setCase] = useState<CaseDetail | null>(null);
  // Kept as the failure, not its text, so a language toggle re-words it.
  const [error, setError] = useState<Failure | null>(null);
  const [phone, setPhone] = useState<string | null>(null);
  const [qr, setQr] = useState<{ svg: string; url: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const load = async () => {
    const r = await api.get(`/api/v1/cases/${encodeURIComponent(number)}`, CaseDetailSchema);
    if (r.ok) setCase(r.data); else setError(r);
  };
  useEffect(() => { void load(); }, [number]);
  // The note of a refused step, shown to copy: the forms follow the case's new state, and its form may be gone.
  const [unsent, setUnsent] = useState('');
  const stepped = () => { setError(null); setUnsent(''); void load(); };
  // A refused step means this page is behind the case: show its state now, so the refusal and the forms match it.
  const refused = (f: Failure, note: string) => { setError(f); setUnsent(note.trim()); if (f.status === 409) void load(); };
  const reveal = async () => {
    const r = await api.post(`/api/v1/cases/${encodeURIComponent(number)}/reveal`, {}, RevealedPhoneSchema);
    if (r.ok) { setPhone(r.data.phone); setError(null); } else setError(r);
  };
  const makeQr = async () => {
    const r = await api.post(`/api/v1/cases/${encodeURIComponent(number)}/followup-qr`, {}, FollowUpQrSchema);
    if (r.ok) { setQr(r.data); setError(null); } else setError(r);
  };
  const errorLine = error && caseErrorText(lang, error, c?.state);
  if (!c) return <p class={errorLine ? 'error' : 'muted'} role={errorLine ? 'alert' : undefined}>{errorLine ?? '…'}</p>;
  const src = c.sources[0];
  const calls = c.events.filter((e) => e.action === 'call').length;
  return (
    <article class="case-page">
      <button type="button" class="back btn secondary" onClick={onBack}>← {bi(T.back)}</button>
      <header>
        <h2>{c.number}</h2>
        <span class="state-badge" data-testid="case-state">{bi(caseStateLabel(c))}</span>
        {c.due !== 'done' && <span class={`due-badge ${c.due}`}>{bi(DUE_TEXT[c.due])}</span>}{/* a closed case: the state says it */}
      </header>
      {errorLine && <p class="error" role="alert">{errorLine}</p>}
      {errorLine && unsent && (
        <div class="step-form unsent"><label for="unsent-note">{bi(T.unsent)}</label><textarea id="unsent-note" readOnly rows={3} value={unsent} /></div>
      )}
      <dl class="case-facts">
        <dt>{bi(T.kind)}</dt><dd>{bi(KIND_TEXT[c.kind])}</dd>
        <dt>{bi(T.category)}</dt><dd>{bi(T[c.category])}</dd>
        <dt>{bi(T.window)}</dt><dd>{bi(c.windowNames)}</dd>
        <dt>{bi(T.staff)}</dt><dd>{c.staffNames ? bi(c.staffNames) : '—'}</dd>
        <dt>{bi(T.assignee)}</dt><dd data-testid="assignee">{c.assignee ?? '—'}</dd>
        <dt>{bi(T.opened)}</dt><dd>{shortTime(c.openedAt, c.timeZone)}</dd>
        {c.callbackDueAt && <><dt>{bi(T.callbackDue)}</dt><dd>{dueTime(c.callbackDueAt, c.timeZone)}</dd></>}
        <dt>{bi(T.deadline)}</dt><dd>{dueTime(c.dueAt, c.timeZone)}</dd>
        <dt>{bi(T.verdict)}</dt><dd data-testid="verdict">{c.founded === null ? bi(T.pending) : bi(c.founded ? T.founded : T.unfounded)}</dd>
        {(c.needsCallback || calls > 0) && <><dt>{bi(T.callResult)}</dt><dd data-testid="call-result">
          {c.callOutcome === null ? (calls > 0 ? bi(T.notReached) : bi(T.pending)) : bi(c.callOutcome === 'reached' ? T.reached : T.unreachable)}
          {calls > 0 && bi(fillBi(T.attempts, { n: calls }))}
        </dd></>}
      </dl>
      {src && (
        <section class="case-source">
          <h3>{bi(T.source)}{src.excluded && <span class="excluded"> · {bi(T.excluded)}{bi(T.colon)}{src.excludedReason}</span>}</h3>
          <dl>
            {src.score !== null && <><dt>{bi(T.score)}</dt><dd>{src.score} / 5</dd></>}
            {src.reasons.length > 0 && <><dt>{bi(T.reasons)}</dt><dd>{src.reasonNames.map(bi).join(bi(T.listSep))}</dd></>}
            <dt>{bi(T.comment)}</dt><dd>{src.text || '—'}</dd>
            {src.phone && <><dt>{bi(T.phone)}</dt><dd data-testid="phone">{phone ?? src.phone}
              {c.canReveal && !phone && <button type="button" class="link" onClick={() => void reveal()}>{bi(T.reveal)}</button>}</dd></>}
          </dl>
        </section>
      )}
      <StepForms detail={c} user={user} onDone={stepped} onError={refused} />
      {mayManageCases(user) && (c.state === 'rectified' || c.state === 'answered' || c.state === 'closed') && (
        <section class="case-qr">
          <button type="button" class="btn secondary" onClick={() => void makeQr()}>{bi(T.followUpQr)}</button>
          {qr && <figure dangerouslySetInnerHTML={{ __html: qr.svg }} />}
          {qr && (
            <p class="qr-url">
              {bi(T.followUpHint)}<br />
              <a href={qr.url} target="_blank" rel="noopener" data-testid="followup-url">{qr.url}</a>{' '}
              <button type="button" class="link" onClick={() => void navigator.clipboard?.writeText(qr.url).then(() => setCopied(true), () => setCopied(false))}>{bi(copied ? T.copied : T.copyLink)}</button>
            </p>
          )}
          {c.followUps.length > 0 && <p>{bi(T.followUps)}{bi(T.colon)}{c.followUps.map((f) => `${f.score}★ ${f.comment ?? ''}`).join(bi(T.itemSep))}</p>}
        </section>
      )}
      <section class="timeline">
        <h3>{bi(T.timeline)}</h3>
        <ol>
          {c.events.map((e) => (
            <li key={e.seq} data-action={e.action}>
              <time>{shortTime(e.at, c.timeZone)}</time> <strong>{bi(eventLabel(e.action))}</strong>
              {' '}{bi(actorLabel(e.by))}{e.from !== e.to ? ` · ${bi(CASE_STATE_TEXT[e.from])} → ${bi(CASE_STATE_TEXT[e.to])}` : ''}
              {eventOutcome(e.action, e.detail).map((o) => <span class="outcome" key={o.en}>{bi(o)}</span>)}
              {e.note && <p>{e.note}</p>}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}
