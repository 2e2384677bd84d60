import { DEPLOY_TEXT } from '../i18n/deploy';
import type { Lang } from '../i18n/dict';

/** Whether this page runs in a secure context (HTTPS or localhost); the browser decides. */
export function isSecurePage(): boolean {
  return globalThis.isSecureContext === true;
}

/**
 * Says plainly, to staff, that the page is not HTTPS and what that costs, with the way to fix it.
 * Renders nothing in a secure context; `langs` lists the languages to show, first is primary; `kiosk` adds what the
 * kiosk loses (offline mode, presence QR, PIN check) and the README pointer, for the staff corner.
 */
export function InsecureNotice({ langs = ['zh-CN', 'en'], kiosk = false }: { langs?: readonly Lang[]; kiosk?: boolean }) {
  if (isSecurePage()) return null;
  const setup = `${location.origin}/setup`;
  return (
    <aside class="insecure-notice" role="alert" data-testid="insecure-notice"
      style="border:2px solid #b45309;background:#fffbeb;color:#78350f;border-radius:10px;padding:12px 16px;margin:0 0 12px;line-height:1.5">
      {langs.map((lang, i) => {
        const t = DEPLOY_TEXT[lang];
        return (
          <div key={lang} lang={lang} style={i > 0 ? 'font-size:.9em;margin-top:6px;opacity:.9' : ''}>
            <strong>{t.insecureTitle}</strong>
            <p style="margin:4px 0">{kiosk ? t.insecureKiosk : t.insecureBody}</p>
            <p style="margin:4px 0">{t.insecureFix} <a href={setup}>{setup}</a></p>
            {kiosk && <p style="margin:4px 0">{t.insecureReadme}</p>}
          </div>
        );
      })}
    </aside>
  );
}
