/** The steps a case can take next, one small form each; the endpoint's state machine and access rules have the last word. */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../common/api';
import { useSending } from '../../common/sending';
import type { CaseCommandInput } from '../../../shared/cases/wire';
import { AssigneesSchema, CaseSummarySchema, type Assignees, type CaseDetail } from '../../../shared/api';
import type { CaseAction } from '../../../shared/cases/machine';
import { ACTION_TEXT, CASE_TEXT as T, CHANNEL_TEXT, ROLE_TEXT } from '../../i18n/followup-dashboard';
import { usePick } from '../../i18n/lang';
import type { Failure } from '../../i18n/format';
import { offeredSteps, type StepUser } from './steps';
import { useNames } from '../names';

/** One form per step the case's state allows and the signed-in user may take; a step the endpoint refuses comes back as its failure. */
export function StepForms({ detail, user, onDone, onError }: { detail: CaseDetail; user: StepUser; onDone: () => void; onError: (f: Failure, note: string) => void }) {
  // The appeal is decided by another person than its filer (the timeline's last 申诉).
  const appealBy = detail.events.filter((e) => e.action === 'appeal').at(-1)?.by ?? null;
  const actions = offeredSteps(user, { ...detail, appealBy });
  if (actions.length === 0) return null;
  return (
    <section class="steps-forms">
      {/* The case's next step is the one red button; the others (申诉, 备注, a second assignment) are outlined. */}
      {actions.map((a, i) => <StepForm key={`${detail.state}-${detail.category}-${a}`} number={detail.number} category={detail.category} action={a} primary={i === 0 && a !== 'comment' && a !== 'appeal'} onDone={onDone} onError={onError} />)}
    </section>
  );
}

function StepForm({ number, category: current, action, primary, onDone, onError }: { number: string; category: 'general' | 'major'; action: CaseAction; primary: boolean; onDone: () => void; onError: (f: Failure, note: string) => void }) {
  const bi = usePick();
  const names = useNames();
  // A double click sends the step once (a second 未接通 would use up one of the case's call attempts).
  const sending = useSending();
  const [note, setNote] = useState('');
  const [flag, setFlag] = useState(true);
  const [text, setText] = useState('');
  const [channel, setChannel] = useState<'phone' | 'sms' | 'in_person' | 'notice'>('phone');
  // 定性 starts at the case's category: a note sent without touching the choice changes nothing.
  const [category, setCategory] = useState<'general' | 'major'>(current);
  // Who the case may go to (active users who see its hall), offered as the name is typed.
  const [assignees, setAssignees] = useState<Assignees['users']>([]);
  useEffect(() => {
    if (action !== 'assign') return;
    void api.get(`/api/v1/cases/${encodeURIComponent(number)}/assignees`, AssigneesSchema).then((r) => { if (r.ok) setAssignees(r.data.users); });
  }, [action, number]);
  const body = (): CaseCommandInput => {
    switch (action) {
      case 'assign': return { action, assignee: text, note };
      case 'classify': return { action, category, note };
      case 'verify': return { action, founded: flag, note };
      case 'call': return { action, reached: flag, note };
      case 'decide_appeal': return { action, upheld: flag, note };
      case 'answer': return { action, channel, note };
      case 'close': return { action, note };
      default: return { action, note };
    }
  };
  const submit = (e: Event) => {
    e.preventDefault();
    return sending.send(async () => {
      const r = await api.post(`/api/v1/cases/${encodeURIComponent(number)}/steps`, body(), CaseSummarySchema);
      if (r.ok) { setNote(''); onDone(); } else onError(r, note);
    });
  };
  const yesNo: Partial<Record<CaseAction, [string, string]>> = {
    verify: [bi(T.founded), bi(T.unfounded)], call: [bi(T.reached), bi(T.notReached)], decide_appeal: [bi(T.upheld), bi(T.rejected)],
  };
  const pair = yesNo[action];
  return (
    <form class="step-form" data-action={action} onSubmit={(e) => void submit(e)}>
      <h4>{bi(ACTION_TEXT[action])}</h4>
      {action === 'assign' && (
        <label>{bi(T.assignee)}<input name="assignee" required list="case-assignees" autoComplete="off" placeholder={bi(T.assigneeHint)} value={text} onInput={(e) => setText((e.target as HTMLInputElement).value)} />
          {/* The browser shows each option's value (the username) beside its label: the label says who that is, not the username again. */}
          <datalist id="case-assignees">
            {assignees.map((u) => <option key={u.username} value={u.username}>{u.staffId ? `${names.staff(u.staffId)} · ${bi(ROLE_TEXT[u.role])}` : bi(ROLE_TEXT[u.role])}</option>)}
          </datalist>
        </label>
      )}
      {action === 'classify' && (
        <select name="category" value={category} onChange={(e) => setCategory((e.target as HTMLSelectElement).value as 'general' | 'major')}>
          <option value="general">{bi(T.general)}</option><option value="major">{bi(T.major)}</option>
        </select>
      )}
      {pair && (
        <fieldset>
          <label><input type="radio" name={`${action}-flag`} checked={flag} onChange={() => setFlag(true)} /> {pair[0]}</label>
          <label><input type="radio" name={`${action}-flag`} checked={!flag} onChange={() => setFlag(false)} /> {pair[1]}</label>
        </fieldset>
      )}
      {action === 'answer' && (
        <select name="channel" value={channel} onChange={(e) => setChannel((e.target as HTMLSelectElement).value as typeof channel)}>
          {(Object.keys(CHANNEL_TEXT) as Array<keyof typeof CHANNEL_TEXT>).map((k) => <option key={k} value={k}>{bi(CHANNEL_TEXT[k])}</option>)}
        </select>
      )}
      <label>{action === 'answer' ? bi(T.answerText) : bi(T.note)}
        <textarea name="note" rows={2} value={note} required={action !== 'assign' && action !== 'classify' && action !== 'close'} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} />
      </label>
      <button type="submit" class={primary ? 'btn' : 'btn secondary'} disabled={sending.busy}>{bi(T.save)}</button>
    </form>
  );
}
