/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { resolve } from 'node:path';

const app = resolve(import.meta.dirname, 'src/app');

export default defineConfig({
  root: app,
  publicDir: resolve(import.meta.dirname, 'public'),
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: resolve(import.meta.dirname, 'dist/app'),
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
      manifest: {
        name: '窗口服务评价 Window feedback',
        short_name: '服务评价',
        lang: 'zh-CN',
        display: 'fullscreen',
        orientation: 'any',
        background_color: '#f4f6fa',
        theme_color: '#c8102e',
        start_url: '/kiosk',
        icons: [{ src: '/favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
      },
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,svg,png,woff2,webmanifest}'],
      },
    }),
  ],
  test: {
    root: import.meta.dirname,
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    testTimeout: 20_000,
    hookTimeout: 120_000,
    reporters: ['default', './tests/summary-reporter.ts'],
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'default' } },
      // The endpoint, stats and export suites again on PostgreSQL (127.0.0.1:5432, database test; a schema per test).
      {
        extends: true,
        test: {
          name: 'postgres',
          include: ['tests/server/**/*.test.ts'],
          exclude: ['tests/server/auth-cli.test.ts', 'tests/server/store-boundary.test.ts', 'tests/server/migrate-store.test.ts', 'tests/server/processes.test.ts'],
          env: { TEST_ENGINE: 'postgres' },
        },
      },
    ],
  },
});
