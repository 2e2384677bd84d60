import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestEmail, type DigestData } from '../../src/server/alerts/digest';
import { sendMail, smtpTransport, type SmtpSettings } from '../../src/server/alerts/email';
import { readMail } from './mime-decode';

const received: string[] = [];
let sink: SMTPServer;
let port = 0;
let refuse = 0;

beforeAll(async () => {
  sink = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'],
    onData(stream, _session, done) {
      let raw = '';
      stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      stream.on('end', () => {
        if (refuse > 0) { refuse--; const e = new Error('try later') as Error & { responseCode: number }; e.responseCode = 451; done(e); return; }
        received.push(raw); done();
      });
    },
  });
  await new Promise<void>((r) => sink.listen(0, '127.0.0.1', () => r()));
  port = (sink.server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => sink.close(() => r())));

const settings = (): SmtpSettings => ({ host: '127.0.0.1', port, secure: false, fromName: '政务服务中心好差评', fromAddress: 'alerts@hall.example' });
const digest: DigestData = {
  hall: { zh: '东城区政务服务中心', en: 'Dongcheng Government Service Centre' }, day: '2026-11-22',
  windows: [{ name: { zh: '1号窗口 社保', en: '1 Social insurance' }, total: 40, bad: 2, rate: 0.95 }, { name: { zh: '2号窗口 不动产', en: '2 Real estate' }, total: 12, bad: 4, rate: 0.6667 }],
  dueToday: 3, overdue: 1, staleKiosks: ['3号窗口评价器'], link: 'https://hall.example/dashboard',
};

describe('e-mail over SMTP', () => {
  it('the daily digest reaches a local SMTP sink with its Chinese subject, sender name, text and HTML table intact', async () => {
    const digestMail = digestEmail(digest, 'zh-CN');
    const out = await sendMail(smtpTransport(settings()), settings(), { to: ['supervisor@hall.example'], ...digestMail }, 'digest-2026-11-22');
    expect(out.kind).toBe('delivered');
    const raw = received.at(-1)!;
    expect(raw).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/m); // RFC 2047 encoded, not raw UTF-8 bytes
    const mail = readMail(raw);
    expect(mail.header('Subject')).toBe('【每日简报】东城区政务服务中心 2026-11-22');
    expect(mail.header('From')).toBe('政务服务中心好差评 <alerts@hall.example>');
    expect(mail.parts.get('text/plain')).toContain('2号窗口 不动产\t12\t4\t66.7%');
    expect(mail.parts.get('text/plain')).toContain('离线评价器: 3号窗口评价器');
    expect(mail.parts.get('text/html')).toContain('<th style="border:1px solid #ccc;padding:4px 8px;text-align:left">满意率</th>');
    expect(mail.header('Message-ID')).toBe('<digest-2026-11-22@alerts.local>');
  });

  it('an English recipient gets the English digest, the hall and its windows named in English', async () => {
    const mail = digestEmail(digest, 'en');
    await sendMail(smtpTransport(settings()), settings(), { to: ['a@hall.example'], ...mail }, 'digest-en');
    expect(readMail(received.at(-1)!).header('Subject')).toBe('[Daily digest] Dongcheng Government Service Centre 2026-11-22');
    expect(mail.text).toContain('2 Real estate\t12\t4\t66.7%');
  });

  it('a temporary SMTP refusal (451) is retryable and a closed port is too', async () => {
    refuse = 1;
    const out = await sendMail(smtpTransport(settings()), settings(), { to: ['a@hall.example'], ...digestEmail(digest, 'zh-CN') }, 'k');
    expect(out).toMatchObject({ kind: 'retry' });
    const closed = { ...settings(), port: 9 };
    expect((await sendMail(smtpTransport(closed, 2000), closed, { to: ['a@b.c'], subject: 's', text: 't', html: 'h' }, 'k')).kind).toBe('retry');
  });
});
