/** Starts the endpoint: `npm start` (after the PWA build) or `npm run serve`. */
import { serve } from '@hono/node-server';
import { join, resolve } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { loadConfig, ConfigIndex, ConfigError } from './config/load';
import { createApp } from './app';
import { alertCaseHook, alertIngestHook } from './alerts/raise';
import { onCaseEvent } from './cases/record';
import { startAlerts } from './alerts/service';
import { ensureAdmin } from './cli/bootstrap';
import { openConfiguredStore } from './cli/open';
import { startDailyPurge } from './cli/purge';
import { adminPasswordProblem } from './auth/password-policy';

const root = resolve(import.meta.dirname, '../..');
const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? '127.0.0.1';
const dataDir = resolve(process.env.DATA_DIR ?? join(root, 'data'));
const configDir = resolve(process.env.CONFIG_DIR ?? join(root, 'kiosk-config'));
const staticDir = resolve(process.env.STATIC_DIR ?? join(root, 'dist/app'));
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

const passwordProblem = adminPasswordProblem(process.env.ADMIN_PASSWORD);
if (passwordProblem) {
  console.error(passwordProblem);
  process.exit(2);
}

let config;
try {
  config = new ConfigIndex(loadConfig(configDir));
} catch (e) {
  if (e instanceof ConfigError) {
    console.error(`Configuration error in ${join(configDir, e.file)}${e.path ? ` at ${e.path}` : ''}: ${e.problem}`);
    process.exit(2);
  }
  throw e;
}

const store = await openConfiguredStore();
await ensureAdmin(store, process.env.ADMIN_PASSWORD);
const stopPurge = startDailyPurge(store, config);
if (!existsSync(join(staticDir, 'kiosk.html'))) console.warn(`No built app in ${staticDir}; run \`npm run build\` (npm start does).`);

const publicUrl = process.env.PUBLIC_URL ?? `http://${host}:${port}`; // links in alerts and reports
onCaseEvent(alertCaseHook(config, publicUrl));
const alerts = startAlerts(store, config, { baseUrl: publicUrl, holder: `${process.pid}@${port}` });
const app = createApp({
  store, config, now: Date.now, version, staticDir, production: process.env.NODE_ENV === 'production', trustProxy: process.env.TRUST_PROXY,
  ingestHooks: [alertIngestHook(config, publicUrl)],
});
const server = serve({ fetch: app.fetch, port, hostname: host }, (info) => {
  const base = `http://${host.includes(':') ? `[${host}]` : host}:${info.port}`;
  console.log(`Window feedback kiosk ${version} listening on ${base}`);
  console.log(`  data:      ${store.engine === 'sqlite' ? dataDir : 'PostgreSQL (DATABASE_URL)'}`);
  console.log(`  config:    ${configDir}`);
  for (const w of config.config.windows) console.log(`  kiosk:     ${base}/kiosk/${w.id}   (${w.number} ${w.name.zh})`);
  console.log(`  dashboard: ${base}/dashboard`);
  console.log(`  admin:     ${base}/admin`);
});

function shutdown(): void {
  stopPurge();
  alerts.stop();
  server.close();
  void store.close().finally(() => process.exit(0));
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
