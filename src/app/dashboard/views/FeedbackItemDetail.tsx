/** One comment-list item opened: the whole record (phone masked), its flags and its follow-up case. */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../common/api';
import { FeedbackRecordSchema, type FeedbackRecord } from '../../../shared/api';
import { FEEDBACK_TEXT as T, sourceChannelLabel } from '../../i18n/followup-dashboard';
import { usePick, useTexts } from '../../i18n/lang';
import { staffText } from '../../i18n/staff';
import { errorText, type Failure } from '../../i18n/format';

export function FeedbackItemDetail({ kind, id, timeZone }: { kind: 'response' | 'suggestion'; id: string; timeZone: string }) {
  const bi = usePick();
  const st = useTexts(staffText);
  const [rec, setRec] = useState<FeedbackRecord | null>(null);
  const [error, setError] = useState<Failure | null>(null);
  useEffect(() => {
    void api.get(`/api/v1/stats/feedback/${kind}/${encodeURIComponent(id)}`, FeedbackRecordSchema).then((r) => (r.ok ? setRec(r.data) : setError(r)));
  }, [kind, id]);
  if (error) return <p class="error" role="alert">{errorText(st, error)}</p>;
  if (!rec) return <p class="muted">…</p>;
  const time = (s: string) => new Date(s).toLocaleString('sv-SE', { timeZone });
  return (
    <dl class="feedback-detail" data-testid="feedback-detail">
      <dt>{bi(T.channel)}</dt><dd>{bi(sourceChannelLabel(rec.channel))}</dd>
      <dt>{bi(T.deviceTime)}</dt><dd>{time(rec.deviceTime)}</dd>
      <dt>{bi(T.receivedAt)}</dt><dd>{time(rec.receivedAt)}</dd>
      <dt>{bi(T.revision)}</dt><dd>{rec.revision}</dd>
      {rec.suspect && <><dt>{bi(T.flags)}</dt><dd>{bi(T.suspect)}</dd></>}
      {rec.excluded && <><dt>{bi(T.flags)}</dt><dd>{bi(T.excluded)}</dd></>}
      {rec.flags.length > 0 && <><dt>{bi(T.flags)}</dt><dd>{rec.flags.join(' ')}</dd></>}
      <dt>{bi(T.caseLink)}</dt>
      <dd>{rec.caseNumber ? <a href={`/dashboard?view=cases&case=${encodeURIComponent(rec.caseNumber)}`}>{rec.caseNumber}</a> : bi(T.noCase)}</dd>
    </dl>
  );
}
