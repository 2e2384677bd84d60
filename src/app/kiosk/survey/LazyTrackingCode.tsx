import { lazy } from '../lazy';
import { formatTrackingCode } from '../../../shared/cases/tracking';

/**
 * The case tracking code with its QR code, loaded on the first bad rating or complaint. Until then (or on a phone that
 * could not fetch it) the code alone, labelled and grouped as the loaded one shows it (`label`: the kiosk's own
 * dictionary's, so the start bundle does not carry i18n/followup.ts).
 */
export const { Lazy: TrackingCode, preload: preloadTrackingCode } = lazy(
  () => import('../../track/TrackingCode').then((m) => m.TrackingCode),
  (p: { code: string; lang: 'zh-CN' | 'en'; label: string }) => (
    <figure class="tracking-code">
      <figcaption>
        <span>{p.label}</span>
        <strong class="tracking-code-text" data-code={p.code}>{formatTrackingCode(p.code)}</strong>
      </figcaption>
    </figure>
  ),
);
