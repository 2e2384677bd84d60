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

/** One sender for every channel kind: robots and webhooks over HTTP, e-mail over SMTP. */
export function makeSender(smtp: SmtpSettings | null, timeoutMs = 10_000): Sender {
  // The mail module (nodemailer, some 15 MB resident) is loaded with the first mail: a hall without e-mail channels never holds it.
  type Mailer = (m: AlertMessage, to: readonly string[], key: string) => Promise<Outcome>;
  let mailer: Promise<Mailer> | null = null;
  const load = (s: SmtpSettings): Promise<Mailer> => import('./email').then((e) => {
    const transport = e.smtpTransport(s, timeoutMs);
    return (m, to, key) => e.sendMail(transport, s, e.alertMail(to, m), key);
  });
  return async (ch, m, key, now) => {
    if (ch.kind !== 'email') return postHttp(ch, m, now, key, timeoutMs);
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
