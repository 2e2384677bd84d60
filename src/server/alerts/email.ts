import nodemailer, { type Transporter } from 'nodemailer';
import type { AlertMessage } from '../../shared/alerts/messages';
import type { Outcome } from './channels';

/** SMTP settings (server config, not kiosk-config: they hold a password). */
export interface SmtpSettings {
  readonly host: string;
  readonly port: number;
  readonly secure: boolean;
  readonly user?: string;
  readonly pass?: string;
  readonly fromName: string;
  readonly fromAddress: string;
}

export interface Mail {
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

export function smtpTransport(s: SmtpSettings, timeoutMs = 15_000): Transporter {
  return nodemailer.createTransport({
    host: s.host, port: s.port, secure: s.secure,
    auth: s.user ? { user: s.user, pass: s.pass ?? '' } : undefined,
    connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs,
  });
}

/** Plain-text and HTML of a short alert message. */
export function alertMail(to: readonly string[], m: AlertMessage): Mail {
  const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
  return {
    to, subject: m.title, text: [...m.lines, '', m.link].join('\n'),
    html: m.html ?? `<!doctype html><html><body style="font-family:sans-serif">${m.lines.map((l) => `<p>${esc(l)}</p>`).join('')}<p><a href="${esc(m.link)}">${esc(m.link)}</a></p></body></html>`,
  };
}

/**
 * Sends one mail. nodemailer encodes the Chinese subject and sender name as RFC 2047 words and the body as UTF-8.
 * SMTP 4xx answers and connection errors are retryable; 5xx is final.
 */
export async function sendMail(t: Transporter, s: SmtpSettings, mail: Mail, key: string): Promise<Outcome> {
  try {
    const info = await t.sendMail({
      from: { name: s.fromName, address: s.fromAddress }, to: [...mail.to], subject: mail.subject,
      text: mail.text, html: mail.html, messageId: `<${key}@alerts.local>`, headers: { 'X-Idempotency-Key': key },
    });
    return { kind: 'delivered', answer: String(info.response ?? 'accepted') };
  } catch (e) {
    const err = e as { responseCode?: number; message?: string };
    const error = `${err.responseCode ?? ''} ${err.message ?? String(e)}`.trim();
    if (err.responseCode && err.responseCode >= 500) return { kind: 'failed', error };
    return { kind: 'retry', error, afterMs: null };
  }
}
