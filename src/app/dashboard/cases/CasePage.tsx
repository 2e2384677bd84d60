/** One case: the record in full (phone masked, reveal audited), deadlines, the timeline, and the next steps. */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../common/api';
import type { CaseDetail } from '../../../shared/cases/wire';
import { CASE_STATE_TEXT, eventLabel, CASE_TEXT as T, DUE_TEXT, KIND_TEXT } from '../../i18n/followup-dashboard';
import { StepForms } from './StepForms';
import { bi, dueTime, shortTime } from './util';

export function CasePage({ number, onBack }: { number: string; onBack: () => void }) {
  const [c, setCase] = useState<CaseDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [phone, setPhone] = useState<string | null>(null);
  const [qr, setQr] = useState<{ svg: string; url: string } | null>(null);
  const load = async () => {
    const r = await api.get<CaseDetail>(`/api/v1/cases/${encodeURIComponent(number)}`);
    if (r.ok) setCase(r.data); else setError(r.message);
  };
  useEffect(() => { void load(); }, [number]);
  const reveal = async () => {
    const r = await api.post<{ phone: string }>(`/api/v1/cases/${encodeURIComponent(number)}/reveal`, {});
    if (r.ok) setPhone(r.data.phone); else setError(r.message);
  };
  const makeQr = async () => {
    const r = await api.post<{ svg: string; url: string }>(`/api/v1/cases/${encodeURIComponent(number)}/followup-qr`, {});
    if (r.ok) setQr(r.data); else setError(r.message);
  };
  if (!c) return <p class={error ? 'error' : 'muted'} role={error ? 'alert' : undefined}>{error ?? '…'}</p>;
  const src = c.sources[0];
  return (
    <article class="case-page">
      <button type="button" class="back" onClick={onBack}>← {bi(T.back)}</button>
      <header>
        <h2>{c.number}</h2>
        <span class="state-badge">{bi(CASE_STATE_TEXT[c.state])}</span>
        <span class={`due-badge ${c.due}`}>{bi(DUE_TEXT[c.due])}</span>
      </header>
      {error && <p class="error" role="alert">{error}</p>}
      <dl class="case-facts">
        <dt>{T.kind.zh}</dt><dd>{KIND_TEXT[c.kind].zh}</dd>
        <dt>{T.category.zh}</dt><dd>{T[c.category].zh}</dd>
        <dt>{T.window.zh}</dt><dd>{c.windowLabel}</dd>
        <dt>{T.staff.zh}</dt><dd>{c.staffLabel ?? '—'}</dd>
        <dt>{T.assignee.zh}</dt><dd data-testid="assignee">{c.assignee ?? '—'}</dd>
        <dt>{T.opened.zh}</dt><dd>{shortTime(c.openedAt)}</dd>
        {c.callbackDueAt && <><dt>{T.callbackDue.zh}</dt><dd>{dueTime(c.callbackDueAt)}</dd></>}
        <dt>{T.deadline.zh}</dt><dd>{dueTime(c.dueAt)}</dd>
      </dl>
      {src && (
        <section class="case-source">
          <h3>{bi(T.source)}{src.excluded && <span class="excluded"> · {T.excluded.zh}：{src.excludedReason}</span>}</h3>
          <dl>
            {src.score !== null && <><dt>{T.score.zh}</dt><dd>{src.score} / 5</dd></>}
            {src.reasons.length > 0 && <><dt>{T.reasons.zh}</dt><dd>{src.reasonLabels.join('、')}</dd></>}
            <dt>{T.comment.zh}</dt><dd>{src.text || '—'}</dd>
            {src.phone && <><dt>{T.phone.zh}</dt><dd data-testid="phone">{phone ?? src.phone}
              {c.canReveal && !phone && <button type="button" class="link" onClick={() => void reveal()}>{bi(T.reveal)}</button>}</dd></>}
          </dl>
        </section>
      )}
      <StepForms detail={c} onDone={() => void load()} onError={setError} />
      {(c.state === 'rectified' || c.state === 'answered' || c.state === 'closed') && (
        <section class="case-qr">
          <button type="button" onClick={() => void makeQr()}>{bi(T.followUpQr)}</button>
          {qr && <figure dangerouslySetInnerHTML={{ __html: qr.svg }} />}
          {c.followUps.length > 0 && <p>{T.followUps.zh}：{c.followUps.map((f) => `${f.score}★ ${f.comment ?? ''}`).join('；')}</p>}
        </section>
      )}
      <section class="timeline">
        <h3>{bi(T.timeline)}</h3>
        <ol>
          {c.events.map((e) => (
            <li key={e.seq} data-action={e.action}>
              <time>{shortTime(e.at)}</time> <strong>{eventLabel(e.action)}</strong>
              {' '}{e.by}{e.from !== e.to ? ` · ${CASE_STATE_TEXT[e.from].zh} → ${CASE_STATE_TEXT[e.to].zh}` : ''}
              {e.note && <p>{e.note}</p>}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}
