/** The tracking code and its QR code on the thank-you screen: the citizen follows the case on their phone. */
import { generate } from 'lean-qr/nano';
import { modulesPath } from '../common/PresenceQr';
import type { Lang } from '../i18n/dict';
import { followUpDict } from '../i18n/followup';
import { formatTrackingCode } from '../../shared/cases/tracking';

/**
 * The progress page of a code; the code rides in the fragment, so it never reaches a server log. From the phone's own
 * survey the page opens in the language the citizen just used (else it follows the phone's).
 */
export function trackUrl(origin: string, code: string, lang?: Lang): string {
  return `${origin}/track${lang ? `?lang=${lang}` : ''}#${code}`;
}

export function TrackingCode({ code, lang }: { code: string; lang: Lang }) {
  const t = followUpDict(lang);
  const qr = generate(trackUrl(location.origin, code));
  const size = qr.size + 8;
  const onPhone = location.pathname.startsWith('/q/');
  return (
    <figure class="tracking-code">
      <svg viewBox={`0 0 ${size} ${size}`} width={size * 3} height={size * 3} role="img" aria-label={t.trackHint} shape-rendering="crispEdges">
        <rect width={size} height={size} fill="#fff" />
        <path d={modulesPath(qr)} fill="#000" />
      </svg>
      <figcaption>
        <span>{t.trackCode}</span>
        <strong class="tracking-code-text" data-code={code}>{formatTrackingCode(code)}</strong>
        {/* On the citizen's own phone (/q/…), which cannot scan its own screen (its QR code is hidden), the progress page is a tap away; a kiosk stays put. */}
        <small>{onPhone ? t.trackHintPhone : t.trackHint}</small>
        {onPhone && <a href={trackUrl('', code, lang)}>{t.trackTitle}</a>}
      </figcaption>
    </figure>
  );
}
