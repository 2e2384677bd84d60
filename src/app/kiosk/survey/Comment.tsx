import { useState } from 'preact/hooks';
import { checkCommentAndPhone } from '../../../shared/survey';
import { COMMENT_MAX } from '../../../shared/wire-limits';
import type { Lang } from '../../i18n/dict';
import { citizenDict } from '../../i18n/citizen';
import { fill } from '../../i18n/text';
import { useHeadingFocus } from './useHeadingFocus';

export interface CommentProps {
  lang: Lang;
  /** A bad rating offers a phone number for a call back. */
  callBack: boolean;
  onSubmit: (given: { comment?: string; phone?: string }) => void;
  onSkip: () => void;
  /** Back to the faces, while the rating may still be changed (a bad rating's comment comes before its thank-you). */
  onRechoose?: (() => void) | undefined;
}

/** An optional comment, and for a bad rating an optional mobile number with its consent line. */
export function Comment({ lang, callBack, onSubmit, onSkip, onRechoose }: CommentProps) {
  const t = citizenDict(lang);
  const heading = useHeadingFocus();
  const [comment, setComment] = useState('');
  const [phone, setPhone] = useState('');
  const [error, setError] = useState<'phone' | 'comment' | null>(null);

  const submit = (e: Event): void => {
    e.preventDefault();
    const check = checkCommentAndPhone(comment, callBack ? phone : '');
    if (!check.ok) return setError(check.field);
    setError(null);
    const { ok: _ok, ...given } = check;
    onSubmit(given);
  };

  return (
    <section class="step" aria-labelledby="comment-h">
      <h1 id="comment-h" ref={heading} tabIndex={-1}>{t.commentTitle}</h1>
      <form class="comment-form" onSubmit={submit} noValidate>
        <label for="comment">{t.commentLabel}</label>
        <textarea id="comment" rows={4} maxLength={COMMENT_MAX} value={comment} aria-describedby="comment-left"
          aria-invalid={error === 'comment'} onInput={(e) => setComment(e.currentTarget.value)} />
        <p class="counter" id="comment-left">{fill(t.charsLeft, { n: COMMENT_MAX - comment.length })}</p>
        {callBack && (
          <>
            <label for="phone">{t.phoneLabel}</label>
            <input id="phone" type="tel" inputMode="tel" autoComplete="tel" maxLength={20} value={phone}
              aria-invalid={error === 'phone'} aria-describedby={error === 'phone' ? 'phone-error consent' : 'consent'}
              onInput={(e) => setPhone(e.currentTarget.value)} />
            {error === 'phone' && <p class="field-error" id="phone-error" role="alert">{t.phoneInvalid}</p>}
            <p class="consent" id="consent">{t.phoneConsent}</p>
          </>
        )}
        {error === 'comment' && <p class="field-error" role="alert">{t.commentTooLong}</p>}
        <div class="actions">
          {onRechoose && <button type="button" class="secondary" onClick={onRechoose}>{t.changeRating}</button>}
          <button type="button" class="secondary" onClick={onSkip}>{t.skip}</button>
          <button type="submit" class="primary">{t.submit}</button>
        </div>
      </form>
    </section>
  );
}
