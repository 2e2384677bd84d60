/**
 * One web app manifest per installable page family, so an installed dashboard or admin page opens
 * itself and never the kiosk; the phone survey and the public display are not installable.
 */
import type { Plugin } from 'vite';
import { zh } from '../src/app/i18n/dict.ts';
import { en } from '../src/app/i18n/dict-en.ts';

interface AppManifest { file: string; pages: readonly string[]; id: string; name: string; shortName: string; display: 'fullscreen' | 'standalone' }

/** Which built HTML page links which manifest; pages not listed link none. */
export const MANIFESTS: readonly AppManifest[] = [
  { file: 'kiosk.webmanifest', pages: ['kiosk.html', 'pair.html'], id: '/kiosk', name: `${zh.appTitle} ${en.appTitle}`, shortName: zh.appTitle, display: 'fullscreen' },
  { file: 'dashboard.webmanifest', pages: ['dashboard.html'], id: '/dashboard', name: `${zh.dashboard} ${en.dashboard}`, shortName: zh.dashboard, display: 'standalone' },
  { file: 'admin.webmanifest', pages: ['admin.html'], id: '/admin', name: `${zh.admin} ${en.admin}`, shortName: zh.admin, display: 'standalone' },
];

const ICONS = [
  { src: '/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
  { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
  { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
];

/** The manifest JSON: start_url is the family's own entry (the kiosk's is the pairing page, which forwards a paired tablet). */
export function manifestJson(m: AppManifest): string {
  return JSON.stringify({
    id: m.id, name: m.name, short_name: m.shortName, lang: 'zh-CN', start_url: m.id, scope: m.id, display: m.display,
    orientation: 'any', background_color: '#f4f6fa', theme_color: '#c8102e', icons: ICONS,
  }, null, 2);
}

/** Emits the manifests (build/page-head.ts links each page to its own). */
export function pageManifests(): Plugin {
  return {
    name: 'page-manifests',
    generateBundle() {
      for (const m of MANIFESTS) this.emitFile({ type: 'asset', fileName: m.file, source: manifestJson(m) });
    },
  };
}
