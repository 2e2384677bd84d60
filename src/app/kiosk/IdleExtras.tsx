import type { Lang } from '../i18n/dict';
import { citizenDict } from '../i18n/citizen';
import { PresenceQr } from '../common/PresenceQr';

/** Under the faces at idle: the suggestion-box entry, and the place kept for the phone-survey QR code. */
export function IdleExtras({ lang, onSuggest, staffId }: { lang: Lang; onSuggest: () => void; staffId: string | null }) {
  const t = citizenDict(lang);
  return (
    <div class="idle-extras">
      <button type="button" class="suggest-entry" onClick={onSuggest}>
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false" class="suggest-icon">
          <path d="M4 5h16v11H8l-4 4z" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round" />
          <path d="M8 9h8M8 12h5" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
        </svg>
        <span><strong>{t.suggestionBox}</strong> · {t.suggestionEntry}</span>
      </button>
      <div class="qr-slot"><PresenceQr lang={lang} staffId={staffId} loadFallback={() => import('../common/presence-fallback')} /></div>
    </div>
  );
}
