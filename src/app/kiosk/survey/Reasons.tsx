import { useState } from 'preact/hooks';
import type { Reason } from '../../../shared/config';
import { toggleReason, reasonsComplete } from '../../../shared/survey';
import type { Score } from '../../../shared/scale';
import type { Lang } from '../../i18n/dict';
import { citizenDict } from '../../i18n/citizen';
import { pick } from '../../i18n/text';
import { useHeadingFocus } from './useHeadingFocus';

export interface ReasonsProps {
  score: Score;
  reasons: readonly Reason[];
  lang: Lang;
  onSubmit: (codes: string[]) => void;
  /** Back to the faces: a citizen who tapped the wrong face chooses again, and the new face replaces the rating. */
  onRechoose?: (() => void) | undefined;
}

/** A bad rating's reasons: at least one before going on; the rating itself is already stored. */
export function Reasons({ score, reasons, lang, onSubmit, onRechoose }: ReasonsProps) {
  const t = citizenDict(lang);
  const heading = useHeadingFocus();
  const [selected, setSelected] = useState<string[]>([]);
  const order = reasons.map((r) => r.code);
  const complete = reasonsComplete(score, selected);
  return (
    <section class="step" aria-labelledby="reasons-h">
      <p class="recorded" role="status">{t.recorded}</p>
      <h1 id="reasons-h" ref={heading} tabIndex={-1}>{t.reasonsTitle}</h1>
      <p class="step-hint" id="reasons-hint">{t.reasonsHint}</p>
      <div class="reasons" role="group" aria-labelledby="reasons-h" aria-describedby="reasons-hint">
        {reasons.map((r) => (
          <button type="button" key={r.code} class="reason" aria-pressed={selected.includes(r.code)}
            onClick={() => setSelected(toggleReason(selected, r.code, order))}>
            {pick(r, lang)}
          </button>
        ))}
      </div>
      <div class="actions">
        {onRechoose && <button type="button" class="secondary" onClick={onRechoose}>{t.changeRating}</button>}
        <button type="button" class="primary" disabled={!complete} onClick={() => onSubmit(selected)}>{t.next}</button>
      </div>
    </section>
  );
}
