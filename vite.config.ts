/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { resolve } from 'node:path';
import { pageManifests } from './build/manifests.ts';
import { pageHead } from './build/page-head.ts';
import { precompress } from './build/precompress.ts';

const app = resolve(import.meta.dirname, 'src/app');
const outDir = resolve(import.meta.dirname, 'dist/app');

export default defineConfig({
  root: app,
  publicDir: resolve(import.meta.dirname, 'public'),
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir,
    emptyOutDir: true,
    manifest: true,
    target: 'es2022',
    // Every browser the kiosk supports has <link rel=modulepreload>: the polyfill would only weigh on the kiosk's start budget.
    modulePreload: { polyfill: false },
    rollupOptions: {
      input: {
        index: resolve(app, 'index.html'),
        kiosk: resolve(app, 'kiosk.html'),
        dashboard: resolve(app, 'dashboard.html'),
        admin: resolve(app, 'admin.html'),
        q: resolve(app, 'q.html'),
        posters: resolve(app, 'posters.html'),
        display: resolve(app, 'display.html'),
        pair: resolve(app, 'pair.html'),
        setup: resolve(app, 'setup.html'),
        track: resolve(app, 'track.html'),
      },
    },
  },
  plugins: [
    VitePWA({
      strategies: 'injectManifest',
      srcDir: '../sw',
      filename: 'sw.ts',
      injectRegister: false,
      // Each page family links its own manifest (build/manifests.ts), so no single one is injected into every page.
      manifest: false,
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,svg,png,woff2,webmanifest}'],
      },
    }),
    pageManifests(),
    pageHead(),
    precompress(outDir),
  ],
  test: {
    root: import.meta.dirname,
    // A browser test that takes 8 s on a quiet machine took over 20 s on a loaded 2-core one; a real hang still fails.
    testTimeout: 45_000,
    hookTimeout: 120_000,
    reporters: ['default', './tests/summary-reporter.ts'],
    pool: 'forks',
    // Two files at a time even on a 2-core machine (vitest's default there is one): most tests wait on PostgreSQL,
    // Chromium or the network, and the suite took 1,205 s one at a time against 762 s two at a time.
    maxWorkers: 2,
    projects: [
      // Each project names its own files: with `extends: true` an `include` here would be added to the root's, not replace it.
      { extends: true, test: { name: 'default', include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'] } },
      // The endpoint, stats and export suites again on PostgreSQL (127.0.0.1:5432, database test; a schema per test),
      // and the foundation and follow-up loops in Chromium against an endpoint on PostgreSQL.
      {
        extends: true,
        test: {
          name: 'postgres',
          include: ['tests/server/**/*.test.ts', 'tests/browser/followup-loop.test.ts', 'tests/browser/offline-loop.test.ts'],
          exclude: ['tests/server/auth-cli.test.ts', 'tests/server/store-boundary.test.ts', 'tests/server/migrate-store.test.ts', 'tests/server/processes.test.ts'],
          env: { TEST_ENGINE: 'postgres' },
        },
      },
    ],
  },
});
