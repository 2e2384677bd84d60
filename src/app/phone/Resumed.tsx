import { useEffect, useRef, useState } from 'preact/hooks';
import type { Site } from '../../shared/config';
import { isBad, level, type Score } from '../../shared/scale';
import { rechosen, type SurveyPatch } from '../../shared/survey';
import type { Lang } from '../i18n/dict';
import { dict } from '../i18n/use';
import { Thanks } from '../kiosk/survey/Thanks';
import { Faces } from '../kiosk/survey/Faces';
import type { SaveOutcome, SurveyScreen } from '../kiosk/survey/types';
import { Notice } from './Notice';
import type { Visit, VisitStep } from './visit';
import { loadSteps, type Steps } from './steps';

export interface ResumedProps {
  visit: Visit;
  site: Pick<Site, 'reasons' | 'scale'>;
  lang: Lang;
  /** Saves a step as the next revision of the visit's record. */
  onUpdate: (patch: SurveyPatch) => Promise<SaveOutcome>;
  onScreen: (screen: SurveyScreen) => void;
  onDone: () => void;
}

/**
 * The survey of a visit this phone rated already (the page was reloaded or opened again): no faces, the rating
 * stands; it goes on at the step it had reached, or says the window was rated here and offers a comment. As on the
 * kiosk, a bad rating's reasons and comment offer 改选评价: the face chosen then revises the same rating.
 */
export function Resumed({ visit, site, lang, onUpdate, onScreen, onDone }: ResumedProps) {
  const t = dict(lang);
  const { record } = visit;
  const [step, setStep] = useState<VisitStep | 'thanks' | 'failed' | 'rechoose'>(visit.step);
  const [score, setScore] = useState<Score>(record.score as Score);
  const [commented, setCommented] = useState(record.comment !== undefined);
  const [callBackGiven, setCallBackGiven] = useState(false);
  const [steps, setSteps] = useState<Steps | null>(null);
  const busy = useRef(false);

  useEffect(() => { if (step !== 'failed') onScreen(step === 'rated' ? 'thanks' : step); }, [step]);

  const save = async (patch: SurveyPatch, next: 'reasons' | 'comment' | 'thanks'): Promise<void> => {
    if (busy.current) return; // a double tap saves once
    busy.current = true;
    const out = await onUpdate(patch);
    busy.current = false;
    setStep(out.kind === 'saved' ? next : 'failed');
  };
  const thanked = (): void => { setCommented(true); setStep('thanks'); };
  // Loaded while the phone was online (the page preloads them); if they never were, the rating stands and is thanked for.
  useEffect(() => { loadSteps().then(setSteps, () => { if (step !== 'rated') thanked(); }); }, []);

  const rechoose = (): void => setStep('rechoose');

  switch (step) {
    case 'rechoose':
      // the face chosen again replaces the rating (same record, next revision), its reasons dropped
      // A second tap while the first saves changes nothing: the screen shows the face that was saved.
      return <Faces scale={site.scale} lang={lang} onPick={(s) => { if (busy.current) return; setScore(s); void save(rechosen(s), isBad(s) ? 'reasons' : 'thanks'); }} />;
    case 'reasons': {
      if (!steps) return null;
      const { Reasons } = steps;
      return <Reasons score={score} reasons={site.reasons} lang={lang} onRechoose={rechoose}
        onSubmit={(reasons) => void save({ reasons }, 'comment')} />;
    }
    case 'comment': {
      if (!steps) return null;
      const { Comment } = steps;
      // A bad rating offers a call back (offersCallBack in shared/survey; isBad comes from a chunk that already exports it).
      return (
        <>
          <p class="recorded" role="status">{t.recorded}</p>
          <Comment lang={lang} callBack={isBad(score)} onRechoose={isBad(score) ? rechoose : undefined} onSkip={thanked}
            onSubmit={(given) => {
              setCommented(true);
              setCallBackGiven(given.phone !== undefined);
              if (given.comment === undefined && given.phone === undefined) return setStep('thanks');
              void save(given, 'thanks');
            }} />
        </>
      );
    }
    case 'rated':
    case 'thanks': {
      const rated = step === 'rated';
      // Existing words only: every text in the citizen dictionary is also in the kiosk's start budget, which is full.
      const title = !rated ? t.thanks : visit.fromCase ? t.qrCaseRated : t.recorded;
      const detail = rated ? `${lang === 'en' ? level(score).en : level(score).zh} · ${t.phoneFinished}`
        : callBackGiven ? t.thanksCallBack : isBad(score) ? t.thanksBad : t.thanksDetail;
      return <Thanks lang={lang} title={title} detail={detail} trackingCode={record.trackingCode}
        onAddComment={commented ? undefined : () => setStep('comment')} onDone={onDone} />;
    }
    case 'failed':
      return <Notice tone="problem" title={t.notSaved} />;
  }
}
