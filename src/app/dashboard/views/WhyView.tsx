import type { Feedback, Reasons } from '../../../server/stats/types';
import { ReasonsChart } from '../charts/ReasonsChart';
import { FeedbackList } from './FeedbackList';
import type { DashState } from '../filters/state';

/** Why: the reasons of bad reviews, and what citizens wrote. */
export function WhyView({ reasons, feedback, state, set, feedbackUrl = null }: { reasons: Reasons | null; feedback: Feedback | null; state: DashState; set: (c: Partial<DashState>) => void; feedbackUrl?: string | null }) {
  const label = (code: string) => reasons?.reasons.find((r) => r.code === code)?.zh ?? code;
  return (
    <>
      <section class="card" aria-labelledby="why-h">
        <h2 id="why-h">差评原因 · Reasons of bad reviews{reasons ? `（差评 ${reasons.badTotal} 条 bad reviews）` : ''}</h2>
        {reasons && <ReasonsChart data={reasons} />}
      </section>
      <FeedbackList data={feedback} state={state} set={set} reasonLabel={label} pageUrl={feedbackUrl} />
    </>
  );
}
