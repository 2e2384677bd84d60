/**
 * The head every page shares (charset, viewport, theme colour, icons, manifest link) and the element
 * the app mounts into, so each src/app/*.html holds only its title, its entry and what is its own.
 */
import type { HtmlTagDescriptor, Plugin } from 'vite';
import { MANIFESTS } from './manifests.ts';

/** Touch pages held at a window or in a hand: drawn edge to edge under the notch. */
const EDGE_TO_EDGE: readonly string[] = ['kiosk.html', 'pair.html', 'q.html'];
/** Pages whose browser bar takes the product colour (the touch pages and the HTTPS setup a kiosk opens). */
const THEMED: readonly string[] = [...EDGE_TO_EDGE, 'setup.html'];
/** Pages opened from a link that carries a token: no Referer header may carry it on. */
const NO_REFERRER: readonly string[] = ['display.html', 'track.html'];

const THEME_COLOUR = '#c8102e';

const meta = (name: string, content: string): HtmlTagDescriptor => ({ tag: 'meta', attrs: { name, content }, injectTo: 'head-prepend' });
const link = (attrs: Record<string, string>, injectTo: HtmlTagDescriptor['injectTo'] = 'head-prepend'): HtmlTagDescriptor => ({ tag: 'link', attrs, injectTo });

/** The shared tags for one built page, by its file name. */
export function headTags(page: string): HtmlTagDescriptor[] {
  const viewport = `width=device-width, initial-scale=1${EDGE_TO_EDGE.includes(page) ? ', viewport-fit=cover' : ''}`;
  const manifest = MANIFESTS.find((m) => m.pages.includes(page));
  return [
    { tag: 'meta', attrs: { charset: 'utf-8' }, injectTo: 'head-prepend' },
    meta('viewport', viewport),
    ...(THEMED.includes(page) ? [meta('theme-color', THEME_COLOUR)] : []),
    ...(NO_REFERRER.includes(page) ? [meta('referrer', 'no-referrer')] : []),
    link({ rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' }),
    link({ rel: 'apple-touch-icon', href: '/apple-touch-icon.png' }, 'head'),
    ...(manifest ? [link({ rel: 'manifest', href: `/${manifest.file}` }, 'head')] : []),
    { tag: 'div', attrs: { id: 'app' }, injectTo: 'body-prepend' },
  ];
}

/** Adds the shared head to every HTML entry of the build. */
export function pageHead(): Plugin {
  return {
    name: 'page-head',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        return { html, tags: headTags(ctx.filename.split(/[\\/]/).pop() ?? '') };
      },
    },
  };
}
