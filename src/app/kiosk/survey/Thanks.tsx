import type { Lang } from '../../i18n/dict';
import { citizenDict } from '../../i18n/citizen';
import { useHeadingFocus } from './useHeadingFocus';
import { TrackingCode } from './LazyTrackingCode';

export interface ThanksProps {
  lang: Lang;
  title: string;
  detail: string;
  /** Shown when a good rating may still add a comment. */
  onAddComment?: (() => void) | undefined;
  onDone: () => void;
  /** The case tracking code of a bad review: shown with its QR code. */
  trackingCode?: string | undefined;
}

/** The thank-you, announced to screen readers; the kiosk returns to idle by itself after it. */
export function Thanks({ lang, title, detail, onAddComment, onDone, trackingCode }: ThanksProps) {
  const t = citizenDict(lang);
  const heading = useHeadingFocus();
  return (
    <section class="thanks" role="status" aria-live="polite">
      <svg class="thanks-mark" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
        <circle cx="24" cy="24" r="22" fill="#1a7f37" />
        <path d="M14 25 L21 32 L34 17" stroke="#fff" stroke-width="4.5" fill="none" stroke-linecap="round" stroke-linejoin="round" />
      </svg>
      <h1 ref={heading} tabIndex={-1}>{title}</h1>
      <p>{detail}</p>
      {trackingCode && <TrackingCode code={trackingCode} lang={lang} label={t.trackCodeLabel} />}
      <div class="actions">
        {onAddComment && <button type="button" class="secondary" onClick={onAddComment}>{t.addComment}</button>}
        <button type="button" class="primary" onClick={onDone}>{t.done}</button>
      </div>
      <p class="step-hint">{t.returningSoon}</p>
    </section>
  );
}
