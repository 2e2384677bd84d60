import { lazy } from '../lazy';

/** The case tracking code with its QR code, loaded on the first bad rating or complaint; the bare code until then. */
export const { Lazy: TrackingCode, preload: preloadTrackingCode } = lazy(
  () => import('../../track/TrackingCode').then((m) => m.TrackingCode),
  (p: { code: string; lang: 'zh-CN' | 'en' }) => <p class="tracking-code-text" data-code={p.code}>{p.code}</p>,
);
