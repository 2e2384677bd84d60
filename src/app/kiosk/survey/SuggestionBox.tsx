import { useRef, useState } from 'preact/hooks';
import { SUGGESTION_CATEGORIES, SUGGESTION_MAX, type SuggestionCategory } from '../../../shared/wire';
import type { Lang } from '../../i18n/dict';
import { citizenDict } from '../../i18n/citizen';
import { fill } from '../../i18n/text';
import { useHeadingFocus } from './useHeadingFocus';

export interface SuggestionBoxProps {
  lang: Lang;
  onSubmit: (entry: { category: SuggestionCategory; text: string; contact?: string }) => void;
  onCancel: () => void;
  /** What the box opens with (a phone's suggestion kept when its code expired before it was sent). */
  draft?: { category: SuggestionCategory; text: string } | null | undefined;
}

/** 意见箱: a category, the text with its limit shown while typing, and an optional contact (anonymous by default). */
export function SuggestionBox({ lang, onSubmit, onCancel, draft }: SuggestionBoxProps) {
  const t = citizenDict(lang);
  const heading = useHeadingFocus();
  const [category, setCategory] = useState<SuggestionCategory>(draft?.category ?? 'suggestion');
  const [text, setText] = useState(draft?.text ?? '');
  const [contact, setContact] = useState('');
  const [empty, setEmpty] = useState(false);
  const sent = useRef(false);

  const submit = (e: Event): void => {
    e.preventDefault();
    const body = text.trim();
    if (!body) return setEmpty(true);
    // Once: a double tap on 提交 is one entry (a complaint would open two cases and alert twice).
    if (sent.current) return;
    sent.current = true;
    const c = contact.trim();
    onSubmit({ category, text: body, ...(c ? { contact: c } : {}) });
  };

  return (
    <section class="step suggest" aria-labelledby="suggest-h">
      <h1 id="suggest-h" ref={heading} tabIndex={-1}>{t.suggestionBox}</h1>
      <p class="step-hint">{t.suggestionIntro}</p>
      <form onSubmit={submit} noValidate>
        <fieldset class="categories">
          <legend>{t.category}</legend>
          {SUGGESTION_CATEGORIES.map((c) => (
            <label key={c} class={`category${category === c ? ' on' : ''}`}>
              <input type="radio" name="category" value={c} checked={category === c} onChange={() => setCategory(c)} />
              {t[`cat_${c}`]}
            </label>
          ))}
        </fieldset>
        <label for="suggestion-text">{t.suggestionText}</label>
        <textarea id="suggestion-text" rows={3} maxLength={SUGGESTION_MAX} value={text} aria-invalid={empty}
          aria-describedby={empty ? 'text-error text-left' : 'text-left'}
          onInput={(e) => { setText(e.currentTarget.value); setEmpty(false); }} />
        {/* The missing-text message shares the counter's line: below it, it pushed 提交 off a landscape tablet in large text. */}
        <div class="under-field">
          {empty && <p class="field-error" id="text-error" role="alert">{t.textRequired}</p>}
          <p class="counter" id="text-left">{fill(t.charsLeft, { n: SUGGESTION_MAX - text.length })}</p>
        </div>
        <label for="contact">{t.contactLabel}</label>
        <input id="contact" type="text" maxLength={100} value={contact} aria-describedby="anon" onInput={(e) => setContact(e.currentTarget.value)} />
        <p class="consent" id="anon">{t.anonymous}</p>
        <div class="actions">
          <button type="button" class="secondary" onClick={onCancel}>{t.cancel}</button>
          <button type="submit" class="primary">{t.submit}</button>
        </div>
      </form>
    </section>
  );
}
