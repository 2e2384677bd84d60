import { useEffect, useRef, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import type { Site } from '../../../shared/config';
import { isBad, type Score } from '../../../shared/scale';
import { stepAfterRating, offersCallBack, rechosen, type SurveyPatch } from '../../../shared/survey';
import type { Lang } from '../../i18n/dict';
import { citizenDict } from '../../i18n/citizen';
import { Faces } from './Faces';
import { Reasons, Comment, preloadSteps } from './LazySteps';
import { Thanks } from './Thanks';
import { useHeadingFocus } from './useHeadingFocus';
import type { SaveOutcome, SurveyHandlers, SurveyScreen } from './types';

export interface SurveyProps extends SurveyHandlers {
  site: Pick<Site, 'scale' | 'reasons'>;
  lang: Lang;
  /** Told each time the survey moves to another screen (the kiosk starts its timers from it). */
  onScreen?: (screen: SurveyScreen) => void;
  /** The citizen is finished (the "done" button on the thank-you). */
  onDone: () => void;
  /** Shown under the faces only: the kiosk's suggestion-box entry and QR code. */
  facesExtra?: ComponentChildren;
}

/**
 * One citizen's survey: faces → (bad: reasons) → comment (bad: and phone) → thank-you. Until a bad rating's
 * thank-you the citizen may go back to the faces (改选评价): the new face revises the saved rating.
 * Takes plain props so the kiosk and the phone page share it; a new citizen gets a new instance (key).
 */
export function Survey({ site, lang, onRate, onUpdate, onScreen, onDone, facesExtra }: SurveyProps) {
  const t = citizenDict(lang);
  const [screen, setScreen] = useState<SurveyScreen>('faces');
  const [score, setScore] = useState<Score>(5);
  const [commented, setCommented] = useState(false);
  const [callBackGiven, setCallBackGiven] = useState(false);
  const [trackingCode, setTrackingCode] = useState<string | undefined>(undefined);
  const busy = useRef(false);

  useEffect(() => { onScreen?.(screen); }, [screen]);

  // One step at a time: a double tap or a second press while saving does nothing.
  const once = async (work: () => Promise<void>): Promise<void> => {
    if (busy.current) return;
    busy.current = true;
    try {
      await work();
    } finally {
      busy.current = false;
    }
  };

  const save = async (patch: SurveyPatch, next: SurveyScreen): Promise<void> => {
    const out: SaveOutcome = await onUpdate(patch);
    setScreen(out.kind === 'saved' ? next : 'failed');
  };

  // The rating is stored already: a later step whose code cannot be loaded gives way to the thank-you.
  const unavailable = (): void => { setCommented(true); setScreen('thanks'); };

  const rate = (s: Score) => once(async () => {
    if (isBad(s)) preloadSteps(); // loads while the rating is saved
    // A face chosen again before any thank-you replaces the saved rating (same response, next revision): one rating, judged once.
    const out = await (screen === 'rechoose' ? onUpdate(rechosen(s)) : onRate(s));
    setScore(s);
    if (out.kind === 'saved' && screen === 'faces') setTrackingCode(out.trackingCode);
    setScreen(out.kind === 'saved' ? stepAfterRating(s) : 'failed');
  });
  const rechoose = (): void => setScreen('rechoose');

  switch (screen) {
    case 'faces':
    case 'rechoose':
      return (
        <>
          <Faces scale={site.scale} lang={lang} onPick={(s) => void rate(s)} />
          {screen === 'faces' && facesExtra}
        </>
      );
    case 'reasons':
      return <Reasons score={score} reasons={site.reasons} lang={lang} onUnavailable={unavailable} onRechoose={rechoose}
        onSubmit={(reasons) => void once(() => save({ reasons }, 'comment'))} />;
    case 'comment':
      return (
        // A bad rating's comment comes before its thank-you, so its face may still be changed; a good one's after it.
        <Comment lang={lang} callBack={offersCallBack(score)} onUnavailable={unavailable} onRechoose={isBad(score) ? rechoose : undefined}
          onSkip={() => { setCommented(true); setScreen('thanks'); }}
          onSubmit={(given) => void once(async () => {
            setCommented(true);
            setCallBackGiven(given.phone !== undefined);
            if (given.comment === undefined && given.phone === undefined) return setScreen('thanks');
            await save(given, 'thanks');
          })} />
      );
    case 'thanks':
      return (
        <Thanks lang={lang} title={t.thanks}
          detail={callBackGiven ? t.thanksCallBack : isBad(score) ? t.thanksBad : t.thanksDetail}
          onAddComment={commented ? undefined : () => setScreen('comment')} onDone={onDone} trackingCode={isBad(score) ? trackingCode : undefined} />
      );
    case 'failed':
      return <NotSaved text={t.notSaved} />;
  }
}

function NotSaved({ text }: { text: string }) {
  const heading = useHeadingFocus();
  return (
    <section class="thanks failed" role="alert">
      <h1 ref={heading} tabIndex={-1}>{text}</h1>
    </section>
  );
}
