import { retryAfterMs } from '../../shared/backoff';
import type { AlertLang, AlertMessage } from '../../shared/alerts/messages';
import { dingtalkSign, feishuSign, webhookSign } from './sign';

export type ChannelKind = 'wecom' | 'dingtalk' | 'feishu' | 'webhook' | 'email';

/** One configured destination. `url` is the robot's webhook address; e-mail uses `to`. */
export interface Channel {
  readonly id: string;
  readonly kind: ChannelKind;
  readonly url?: string;
  readonly secret?: string;
  readonly to?: readonly string[];
  readonly lang: AlertLang;
}

export interface HttpRequestSpec {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** What one delivery attempt came to. `answer` is the receiver's reply, shown in the log and by "send a test". */
export type Outcome =
  | { kind: 'delivered'; answer: string }
  | { kind: 'retry'; error: string; afterMs: number | null }
  | { kind: 'failed'; error: string };

const markdown = (m: AlertMessage): string => [`**${m.title}**`, ...m.lines, `[${m.link}](${m.link})`].join('\n\n');
const plain = (m: AlertMessage): string => [m.title, ...m.lines, m.link].join('\n');

/** The HTTP request each chat tool's robot accepts. `key` is the idempotency key of this batch. */
export function buildRequest(ch: Channel, m: AlertMessage, now: number, key: string): HttpRequestSpec {
  const json = { 'Content-Type': 'application/json; charset=utf-8' };
  const url = ch.url ?? '';
  switch (ch.kind) {
    case 'wecom':
      return { url, headers: json, body: JSON.stringify({ msgtype: 'markdown', markdown: { content: markdown(m) } }) };
    case 'dingtalk': {
      const signed = ch.secret ? `${url}${url.includes('?') ? '&' : '?'}timestamp=${now}&sign=${dingtalkSign(now, ch.secret)}` : url;
      return { url: signed, headers: json, body: JSON.stringify({ msgtype: 'markdown', markdown: { title: m.title, text: markdown(m) } }) };
    }
    case 'feishu': {
      const ts = Math.floor(now / 1000);
      const sig = ch.secret ? { timestamp: String(ts), sign: feishuSign(ts, ch.secret) } : {};
      return { url, headers: json, body: JSON.stringify({ ...sig, msg_type: 'text', content: { text: plain(m) } }) };
    }
    case 'webhook': {
      const body = JSON.stringify({ id: key, title: m.title, lines: m.lines, link: m.link, lang: ch.lang });
      const headers: Record<string, string> = { ...json, 'X-Timestamp': String(now), 'Idempotency-Key': key };
      if (ch.secret) headers['X-Signature'] = `sha256=${webhookSign(now, body, ch.secret)}`;
      return { url, headers, body };
    }
    case 'email':
      throw new Error('e-mail is not an HTTP channel');
  }
}

/** Robots' "slow down" codes, answered with HTTP 200: WeCom 45009, DingTalk 130101, Feishu 11232. */
const RATE_CODES = new Set([45009, 130101, 11232]);

/** Reads the receiver's answer: 429 and Retry-After, 5xx retryable, other 4xx final; robots' JSON error codes too. */
export function interpretResponse(status: number, retryAfter: string | null, text: string, now: number): Outcome {
  const answer = `${status} ${text.slice(0, 300)}`;
  if (status === 429) return { kind: 'retry', error: answer, afterMs: retryAfterMs(retryAfter, now) };
  if (status >= 500 || status === 408) return { kind: 'retry', error: answer, afterMs: retryAfterMs(retryAfter, now) };
  if (status >= 400) return { kind: 'failed', error: answer };
  const code = robotCode(text);
  if (code === null || code === 0) return { kind: 'delivered', answer };
  if (RATE_CODES.has(code)) return { kind: 'retry', error: answer, afterMs: 60_000 };
  return { kind: 'failed', error: answer };
}

function robotCode(text: string): number | null {
  try {
    const j = JSON.parse(text) as { errcode?: unknown; code?: unknown; StatusCode?: unknown };
    const c = j.errcode ?? j.code ?? j.StatusCode;
    return typeof c === 'number' ? c : null;
  } catch {
    return null;
  }
}

/** Sends one HTTP channel request with a timeout; network errors and timeouts are retryable. */
export async function postHttp(ch: Channel, m: AlertMessage, now: number, key: string, timeoutMs: number): Promise<Outcome> {
  const req = buildRequest(ch, m, now, key);
  try {
    const res = await fetch(req.url, { method: 'POST', headers: req.headers, body: req.body, signal: AbortSignal.timeout(timeoutMs) });
    return interpretResponse(res.status, res.headers.get('retry-after'), await res.text(), now);
  } catch (e) {
    const name = (e as Error).name;
    const error = name === 'TimeoutError' || name === 'AbortError' ? `timeout after ${timeoutMs} ms` : String((e as Error).message ?? e);
    return { kind: 'retry', error, afterMs: null };
  }
}
