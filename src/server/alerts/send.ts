import type { AlertMessage } from '../../shared/alerts/messages';
import { postHttp, type Channel, type Outcome } from './channels';
import { alertMail, sendMail, smtpTransport, type SmtpSettings } from './email';

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
  const transport = smtp ? smtpTransport(smtp, timeoutMs) : null;
  return async (ch, m, key, now) => {
    if (ch.kind !== 'email') return postHttp(ch, m, now, key, timeoutMs);
    if (!transport || !smtp) return { kind: 'failed', error: 'SMTP is not configured (SMTP_HOST)' };
    return sendMail(transport, smtp, alertMail(m.to ?? ch.to ?? [], m), key);
  };
}
