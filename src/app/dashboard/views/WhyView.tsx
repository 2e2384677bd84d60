import type { Feedback, Reasons } from '../../../shared/api';
import { useTexts } from '../../i18n/lang';
import { dashboardText } from '../../i18n/dashboard';
import { fill } from '../../i18n/use';
import { ReasonsChart } from '../charts/ReasonsChart';
import { FeedbackList } from './FeedbackList';
import type { DashState } from '../filters/state';

/** Why: the reasons of bad reviews, and what citizens wrote. */
export function WhyView({ reasons, feedback, state, set, feedbackUrl = null }: { reasons: Reasons | null; feedback: Feedback | null; state: DashState; set: (c: Partial<DashState>) => void; feedbackUrl?: string | null }) {
  const t = useTexts(dashboardText);
  return (
    <>
      <section class="card" aria-labelledby="why-h">
        <h2 id="why-h">{t.reasonsTitle}{reasons ? fill(t.badTotal, { n: reasons.badTotal }) : ''}</h2>
        {reasons && <ReasonsChart data={reasons} />}
      </section>
      <FeedbackList data={feedback} state={state} set={set} pageUrl={feedbackUrl} />
    </>
  );
}
