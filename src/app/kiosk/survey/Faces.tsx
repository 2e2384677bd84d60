import { facesFor, level, type Score, type ScaleSize } from '../../../shared/scale';
import type { Lang } from '../../i18n/dict';
import { citizenDict } from '../../i18n/citizen';
import { FaceIcon } from './Face';
import { useHeadingFocus } from './useHeadingFocus';

export interface FacesProps {
  scale: ScaleSize;
  lang: Lang;
  onPick: (score: Score) => void;
}

/** The faces of the site's scale, best first; each is a button named by its level. */
export function Faces({ scale, lang, onPick }: FacesProps) {
  const t = citizenDict(lang);
  const heading = useHeadingFocus();
  return (
    <section class="rate" aria-labelledby="rate-h">
      <h1 id="rate-h" ref={heading} tabIndex={-1}>{t.rateUs}</h1>
      <div class="faces" role="group" aria-labelledby="rate-h">
        {facesFor(scale).map((s) => {
          const name = lang === 'en' ? level(s).en : level(s).zh;
          return (
            <button type="button" class={`face face-${s}`} key={s} onClick={() => onPick(s)}>
              <FaceIcon score={s} />
              <span class="face-label">{name}</span>
            </button>
          );
        })}
      </div>
      <p class="hint">{t.rateUsHint}</p>
    </section>
  );
}
