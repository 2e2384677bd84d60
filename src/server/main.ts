/** Starts the endpoint: `npm start` (compiled, building first when needed) or `npm run serve` (tsx). */
import { join, resolve } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { loadConfig, ConfigIndex, ConfigError } from './config/load';
import { createApp } from './app';
import { alertCaseHook, alertIngestHook } from './alerts/raise';
import { onCaseEvent } from './cases/record';
import { startAlerts } from './alerts/service';
import { makeSender, robotOriginFromEnv, smtpFromEnv } from './alerts/send';
import { ensureAdmin } from './cli/bootstrap';
import { countUsers } from './auth/users';
import { openConfiguredStore } from './cli/open';
import { startDailyPurge } from './retention';
import { parseTrustProxy } from './http/client';
import { jsonLogger, parseLogLevel } from './http/requestlog';
import { hallCaFromEnv, listen, tlsFromEnv } from './process/listen';
import { linkBase } from './process/public-url';
import { gracefulShutdown, parseGraceMs } from './process/shutdown';
import { adminPasswordProblem } from './auth/password-policy';

const root = resolve(import.meta.dirname, '../..');
const host = process.env.HOST ?? '127.0.0.1';
const dataDir = resolve(process.env.DATA_DIR ?? join(root, 'data'));
const configDir = resolve(process.env.CONFIG_DIR ?? join(root, 'kiosk-config'));
const staticDir = resolve(process.env.STATIC_DIR ?? join(root, 'dist/app'));
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

/** A wrong setting stops the start with its name (exit code 2), like a wrong kiosk-config value. */
function settings() {
  try {
    const rawPort = (process.env.PORT ?? '8080').trim();
    const port = Number(rawPort);
    if (!/^\d+$/.test(rawPort) || port > 65_535) throw new Error(`PORT must be a port number from 0 to 65535 (got "${rawPort}")`);
    const tls = tlsFromEnv(process.env);
    return {
      port,
      config: new ConfigIndex(loadConfig(configDir)),
      tls,
      hallCa: tls ? tls.ca : hallCaFromEnv(process.env), // with TLS, tlsFromEnv has read it (or the CA beside the certificate)
      links: linkBase(process.env, { host, port, tls: tls !== null }),
      trustProxy: parseTrustProxy(process.env.TRUST_PROXY),
      logLevel: parseLogLevel(process.env.LOG_LEVEL),
      graceMs: parseGraceMs(process.env.SHUTDOWN_GRACE_MS),
      robotOrigin: robotOriginFromEnv(process.env),
    };
  } catch (e) {
    if (e instanceof ConfigError) console.error(`Configuration error in ${join(configDir, e.file)}${e.path ? ` at ${e.path}` : ''}: ${e.problem}`);
    else console.error(`Configuration error: ${(e as Error).message}`);
    process.exit(2);
  }
}

const { port, config, tls, hallCa, links, trustProxy, logLevel, graceMs, robotOrigin } = settings();
const logger = jsonLogger(logLevel);
/** The store, or a one-line reason it cannot be opened (PostgreSQL unreachable, a bad DATABASE_SCHEMA, a locked file). */
async function openStoreOrExit() {
  try {
    return await openConfiguredStore();
  } catch (e) {
    const where = process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : join(dataDir, 'kiosk.sqlite');
    const err = e as NodeJS.ErrnoException & { errors?: Error[] };
    console.error(`Cannot open the store at ${where}: ${err.message || err.code || err.errors?.map((x) => x.message).join('; ') || String(e)}`);
    process.exit(2);
  }
}
// ADMIN_PASSWORD is read only to create the first admin: once there are users it is neither used nor checked. With no
// database yet it is refused before one is made, so a later backup or purge still says there is none.
const passwordProblem = adminPasswordProblem(process.env.ADMIN_PASSWORD);
if (passwordProblem && !process.env.DATABASE_URL && !existsSync(join(dataDir, 'kiosk.sqlite'))) {
  console.error(passwordProblem);
  process.exit(2);
}
const store = await openStoreOrExit();
if (passwordProblem && (await countUsers(store)) === 0) {
  console.error(passwordProblem);
  await store.close();
  process.exit(2);
}
// Before the port is taken, so no request finds the endpoint without its first admin.
const generatedPassword = await ensureAdmin(store, process.env.ADMIN_PASSWORD);
const stopPurge = startDailyPurge(store, config);
if (!existsSync(join(staticDir, 'kiosk.html'))) console.warn(`No built app in ${staticDir}; run \`npm run build\` (npm start does).`);

const publicUrl = links.base; // links in alerts and reports
/** The listening address (its real port, PORT=0 included) with the LAN address in place of a wildcard host. */
const onLan = (listening: string): string => {
  const u = new URL(listening);
  u.hostname = new URL(publicUrl).hostname;
  return u.origin;
};
onCaseEvent(alertCaseHook(config, publicUrl));
const sender = makeSender(smtpFromEnv(), { robotOrigin });
// Names this process in the job leases: unique across hosts and containers (where every endpoint may be pid 1 on 8080).
const holder = `${hostname()}:${process.pid}@${port}:${randomUUID().slice(0, 8)}`;
const alerts = startAlerts(store, config, { baseUrl: publicUrl, holder, sender });
let draining = () => false;
const app = createApp({
  store, config, now: Date.now, version, staticDir, production: process.env.NODE_ENV === 'production',
  ingestHooks: [alertIngestHook(config, publicUrl)], alertSender: sender, linkBase: publicUrl,
  deploy: { trustProxy, logger, draining: () => draining(), caCertFile: hallCa },
});
const { server, tracker, url } = listen(app.fetch, { port, host, tls });
// The port taken by another process (an old endpoint still running) or not ours to take: say so and stop.
const cannotListen = (e: NodeJS.ErrnoException): void => {
  console.error(`Cannot listen on ${host}:${port}: ${e.code === 'EADDRINUSE' ? 'the port is in use (is another endpoint still running?)' : e.code === 'EACCES' ? 'not allowed to use this port' : e.message}`);
  // The password is shown once, at the start that made the admin: this one, though it could not listen.
  if (generatedPassword) console.error(`The admin account "admin" was made by this start, with the password ${generatedPassword} (shown once; it stays for the next start).`);
  process.exit(2);
};
server.once('error', cannotListen);
server.once('listening', () => server.removeListener('error', cannotListen));
void url.then((listening) => {
  console.log(`Window feedback kiosk ${version} listening on ${listening}`);
  // The addresses to open: PUBLIC_URL, else this machine's LAN address for a wildcard HOST (0.0.0.0 opens nothing).
  const base = process.env.PUBLIC_URL?.trim() ? publicUrl : links.guessed ? onLan(listening) : listening;
  console.log(`  data:      ${store.engine === 'sqlite' ? dataDir : 'PostgreSQL (DATABASE_URL)'}`);
  console.log(`  config:    ${configDir}`);
  for (const w of config.config.windows) console.log(`  kiosk:     ${base}/kiosk/${w.id}   (${w.number} ${w.name.zh})`);
  console.log(`  dashboard: ${base}/dashboard`);
  console.log(`  admin:     ${base}/admin`);
  if (robotOrigin) console.log(`  robots:    messages go to ${robotOrigin} instead of DingTalk, WeCom and Feishu (ALERT_ROBOT_ORIGIN)`);
  if (tls || hallCa) console.log(`  setup:     ${base}/setup   (the hall CA for tablets)`);
  if (links.guessed) console.log(`  links:     ${publicUrl} (this machine's LAN address) in the URLs above, alerts and reports; set PUBLIC_URL to the name tablets and phones use`);
  if (!tls) console.log('  (plain HTTP: tablets get no offline mode unless a proxy adds HTTPS; see README "Deploy in a hall")');
});

const shutdown = gracefulShutdown({
  server, tracker, graceMs, logger,
  stopTimers: async () => { await Promise.all([stopPurge(), alerts.stop()]); },
  // Closing SQLite's last connection checkpoints the WAL into the main file, so the next start replays nothing.
  closeStorage: () => store.close(),
});
draining = shutdown.draining;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void shutdown.stop(signal).then(() => process.exit(0), (e: unknown) => {
      console.error('shutdown failed', e);
      process.exit(1);
    });
  });
}
