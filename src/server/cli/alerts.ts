/**
 * `npm run alerts -- digest|overdue [--site <id>] [--deliver]`: runs now, once, the daily digest or the case deadline
 * pass that the endpoint runs on its timers: to try an alert channel with real content, or after downtime. The same
 * functions and keys as the endpoint's, so a second run, or the endpoint's own, raises nothing twice. What it raises
 * is delivered by the running endpoint, or with --deliver by one delivery pass of this command. Only a command: the
 * endpoint imports nothing from here.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ALERT_TEXT, named } from '../../shared/alerts/messages';
import type { Site } from '../../shared/config';
import { addDays } from '../../shared/time';
import { channelOf } from '../alerts/raise';
import { latestOccurrence } from '../alerts/schedule';
import { makeSender, robotOriginFromEnv, smtpFromEnv, type Sender } from '../alerts/send';
import { casePass, DELIVERY_LEASE, DELIVERY_LEASE_MS, DELIVERY_PASS_MS, DELIVERY_RENEW_MS, deliveryLease, digestSpec, queueDigest } from '../alerts/service';
import { DeliveryWorker } from '../alerts/worker';
import { ConfigError, type ConfigIndex } from '../config/load';
import { linkBase } from '../process/public-url';
import type { Store } from '../store';
import { configuredConfig, NoDatabase, openExistingStore } from './open';

const USAGE = 'usage: npm run alerts -- digest|overdue [--site <id>] [--deliver]';

export interface AlertsArgs {
  readonly pass: 'digest' | 'overdue';
  /** The halls to run for: one with --site, else every hall. */
  readonly sites: readonly Site[];
  readonly deliver: boolean;
}

/** The command's arguments, or the one line that says what is wrong with them. */
export function parseAlertsArgs(argv: readonly string[], config: ConfigIndex): { ok: true; args: AlertsArgs } | { ok: false; error: string } {
  let pass: AlertsArgs['pass'] | null = null;
  let siteId: string | null = null;
  let deliver = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === 'digest' || a === 'overdue') {
      if (pass) return { ok: false, error: `one pass at a time: "${pass}" and "${a}"; ${USAGE}` };
      pass = a;
    } else if (a === '--site') {
      const v = argv[++i];
      if (!v || v.startsWith('--')) return { ok: false, error: `--site needs a hall's id; ${USAGE}` };
      siteId = v;
    } else if (a === '--deliver') {
      deliver = true;
    } else {
      return { ok: false, error: `unknown argument "${a}"; ${USAGE}` };
    }
  }
  if (!pass) return { ok: false, error: `say which pass to run; ${USAGE}` };
  if (siteId === null) return { ok: true, args: { pass, sites: config.config.sites, deliver } };
  const site = config.sites.get(siteId);
  if (!site) return { ok: false, error: `no hall "${siteId}" in the kiosk-config (halls: ${config.config.sites.map((s) => s.id).join(', ')})` };
  return { ok: true, args: { pass, sites: [site], deliver } };
}

export interface AlertsDeps {
  readonly config: ConfigIndex;
  /** The store to run on, opened once the arguments are good. */
  readonly store: () => Promise<Store>;
  readonly now: () => number;
  /** Where alert links lead: the endpoint's (PUBLIC_URL, else its own address). */
  readonly baseUrl: string;
  /** With --deliver: the sender the endpoint's deliverer uses. */
  readonly sender: () => Sender;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** Waits `ms` (with --deliver, while another process holds delivery). */
  readonly wait: (ms: number) => Promise<void>;
}

/** Runs the command with `argv` (the words after `--`); its exit code: 0 done, 2 bad arguments. */
export async function main(argv: readonly string[], deps: AlertsDeps): Promise<number> {
  const parsed = parseAlertsArgs(argv, deps.config);
  if (!parsed.ok) {
    deps.err(`alerts: ${parsed.error}`);
    return 2;
  }
  const { pass, sites, deliver } = parsed.args;
  const store = await deps.store();
  const now = deps.now();
  let raised = 0;
  if (pass === 'digest') {
    for (const site of sites) {
      const spec = digestSpec(site);
      const o = latestOccurrence(spec, now, site.timeZone);
      const channels = await queueDigest(store, deps.config, site, o, now, deps.baseUrl);
      const what = `daily digest of ${site.id}, ${o.day} ${spec.at} (ratings of ${addDays(o.day, -1)})`;
      if (channels.length === 0) deps.out(`${what}: no alert channel of this hall takes the digest; nothing queued`);
      for (const { channel, queued } of channels) {
        deps.out(`${what} to ${channel.name} (${channel.kind}): ${queued ? 'queued' : 'queued already by an earlier run; nothing new'}`);
        if (queued) raised++;
      }
    }
  } else {
    const alerts = await casePass(store, deps.config, now, deps.baseUrl, sites);
    for (const { siteId, condition: c, place } of alerts) {
      deps.out(`raised ${c.key} in ${siteId}, ${named(place, 'en')}: ${ALERT_TEXT.en.body[c.kind](c.facts, named(place, 'en'))}`);
    }
    raised = alerts.length;
    if (raised === 0) deps.out(`no case alert to raise in ${sites.map((s) => s.id).join(', ')}: none is newly due soon or overdue, or its alert is raised already`);
  }
  if (deliver) deps.out(await deliverOnce(store, deps));
  else if (raised > 0) deps.out('delivery: left to the running endpoint, which sends queued messages within seconds (run with --deliver when no endpoint runs)');
  return 0;
}

/**
 * One delivery pass under the endpoint's delivery lease, as the endpoint's deliverer makes it; what it did, in a line.
 * A lease another process holds is watched as an endpoint watches it: a running endpoint renews it every few seconds
 * and keeps it; one that stopped without giving it back (killed, the machine off: the downtime this command is run
 * after) is taken over once it has gone unrenewed for DELIVERY_LEASE_MS.
 */
async function deliverOnce(store: Store, deps: AlertsDeps): Promise<string> {
  const lease = deliveryLease(store, `${hostname()}:${process.pid}:alerts-cli:${randomUUID().slice(0, 8)}`, deps.now);
  let held = await lease.acquire();
  if (!held) {
    const holder = (await store.leases.read(DELIVERY_LEASE))?.holder ?? 'another process';
    deps.out(`delivery: ${holder} holds delivery; watching it for up to ${Math.ceil((DELIVERY_LEASE_MS + DELIVERY_PASS_MS) / 1000)} s in case it stopped without giving it back`);
    for (let waited = 0; !held && waited <= DELIVERY_LEASE_MS; waited += DELIVERY_PASS_MS) {
      await deps.wait(DELIVERY_PASS_MS);
      held = await lease.acquire();
    }
    if (!held) return `delivery: ${holder} keeps renewing it, so an endpoint is running and sends the queued messages; this command sent nothing`;
  }
  // Renewed while the pass sends, as an endpoint renews it, so an endpoint starting meanwhile does not take it over.
  const renewing = setInterval(() => { lease.acquire().catch(() => {}); }, DELIVERY_RENEW_MS);
  try {
    const channels = (await store.alertChannels.list('all')).map(channelOf);
    const worker = new DeliveryWorker({ outbox: store.outbox, channels: () => channels, now: deps.now, send: deps.sender() });
    const r = await worker.tick();
    return `delivery: ${r.sent} sent, ${r.retried} to retry (the endpoint retries them), ${r.dead} failed for good (the admin page's dead letters)`;
  } finally {
    clearInterval(renewing);
    await lease.release();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  let store: Store | null = null;
  try {
    const env = process.env;
    const code = await main(process.argv.slice(2), {
      config: configuredConfig(),
      store: async () => (store = await openExistingStore()),
      now: Date.now,
      baseUrl: linkBase(env, { host: env.HOST ?? '127.0.0.1', port: Number(env.PORT ?? 8080), tls: Boolean(env.TLS_CERT) }).base,
      sender: () => makeSender(smtpFromEnv(), { robotOrigin: robotOriginFromEnv(env) }),
      out: (line) => console.log(line),
      err: (line) => console.error(line),
      wait: (ms) => new Promise((ok) => setTimeout(ok, ms)),
    });
    process.exitCode = code;
  } catch (e) {
    // A setting that cannot work (no database, the kiosk-config, PUBLIC_URL, ALERT_ROBOT_ORIGIN): one line, exit 2.
    const setting = e instanceof NoDatabase || e instanceof ConfigError || (e instanceof Error && /^(PUBLIC_URL|ALERT_ROBOT_ORIGIN)\b/.test(e.message));
    if (setting) console.error(`alerts: ${e instanceof ConfigError ? 'configuration error: ' : ''}${e.message}`);
    else console.error(e);
    process.exitCode = setting ? 2 : 1;
  } finally {
    await (store as Store | null)?.close();
  }
}
