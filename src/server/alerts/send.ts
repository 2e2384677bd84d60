import type { AlertMessage } from '../../shared/alerts/messages';
import { postHttp, type Channel, type Outcome } from './channels';
import type { SmtpSettings } from './email';

export type Sender = (ch: Channel, m: AlertMessage, key: string, now: number) => Promise<Outcome>;

/** Reads SMTP settings from the environment (SMTP_HOST, SMTP_PORT, SMTP_SECURE, SMTP_USER, SMTP_PASS, SMTP_FROM, SMTP_FROM_NAME). */
export function smtpFromEnv(env: NodeJS.ProcessEnv = process.env): SmtpSettings | null {
  if (!env.SMTP_HOST) return null;
  return {
    host: env.SMTP_HOST, port: Number(env.SMTP_PORT ?? 465), secure: (env.SMTP_SECURE ?? 'true') !== 'false',
    user: env.SMTP_USER, pass: env.SMTP_PASS, fromAddress: env.SMTP_FROM ?? `alerts@${env.SMTP_HOST}`, fromName: env.SMTP_FROM_NAME ?? '好差评提醒',
  };
}

/**
 * ALERT_ROBOT_ORIGIN: a test or staging endpoint sends the robots' messages to this origin (path and query kept)
 * instead of to DingTalk, WeCom and Feishu, whose webhooks are the only addresses a robot channel may be saved with.
 * Refused when NODE_ENV is production, where it would silently divert every robot's messages.
 */
export function robotOriginFromEnv(env: NodeJS.ProcessEnv = process.env): string | null {
  const value = env.ALERT_ROBOT_ORIGIN;
  if (!value) return null;
  if (env.NODE_ENV === 'production') throw new Error('ALERT_ROBOT_ORIGIN is for tests and staging; it is refused when NODE_ENV=production');
  let origin: string;
  try {
    origin = new URL(value).origin;
  } catch {
    throw new Error(`ALERT_ROBOT_ORIGIN must be an http(s) origin such as http://127.0.0.1:9000, not "${value}"`);
  }
  if (!/^https?:/.test(origin)) throw new Error(`ALERT_ROBOT_ORIGIN must be an http(s) origin such as http://127.0.0.1:9000, not "${value}"`);
  return origin;
}

/** A robot channel with its webhook's path and query moved to `origin`. */
function atOrigin(ch: Channel, origin: string): Channel {
  if (!URL.canParse(ch.url ?? '')) return ch; // sent as stored: the attempt fails and its error is logged
  const u = new URL(ch.url!);
  return { ...ch, url: `${origin}${u.pathname}${u.search}` };
}

export interface SenderOptions {
  /** Per attempt; default 10 s. */
  readonly timeoutMs?: number;
  /** Robots' messages go to this origin instead of their vendor's (robotOriginFromEnv); generic webhooks and e-mail are unchanged. */
  readonly robotOrigin?: string | null;
}

/** One sender for every channel kind: robots and webhooks over HTTP, e-mail over SMTP. */
export function makeSender(smtp: SmtpSettings | null, opts: SenderOptions = {}): Sender {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const robotOrigin = opts.robotOrigin ?? null;
  // The mail module (nodemailer, some 15 MB resident) is loaded with the first mail: a hall without e-mail channels never holds it.
  type Mailer = (m: AlertMessage, to: readonly string[], key: string) => Promise<Outcome>;
  let mailer: Promise<Mailer> | null = null;
  const load = (s: SmtpSettings): Promise<Mailer> => import('./email').then((e) => {
    const transport = e.smtpTransport(s, timeoutMs);
    return (m, to, key) => e.sendMail(transport, s, e.alertMail(to, m), key);
  });
  return async (ch, m, key, now) => {
    if (ch.kind === 'webhook') return postHttp(ch, m, now, key, timeoutMs);
    if (ch.kind !== 'email') return postHttp(robotOrigin ? atOrigin(ch, robotOrigin) : ch, m, now, key, timeoutMs);
    if (!smtp) return { kind: 'failed', error: 'SMTP is not configured (SMTP_HOST)' };
    try {
      mailer ??= load(smtp);
      return await (await mailer)(m, m.to ?? ch.to ?? [], key);
    } catch (e) {
      mailer = null; // the module failed to load: the next attempt loads it again
      return { kind: 'retry', error: `mail module: ${e instanceof Error ? e.message : String(e)}`, afterMs: null };
    }
  };
}
