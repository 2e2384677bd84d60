import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildRequest, interpretResponse, type Channel } from '../../src/server/alerts/channels';
import { robotOriginFromEnv } from '../../src/server/alerts/send';
import { dingtalkSign, feishuSign, webhookSign } from '../../src/server/alerts/sign';
import { formatAlert, mergeMessages, type AlertView } from '../../src/shared/alerts/messages';

// Known answers computed once with Python's hmac/base64/urllib, following the sample code in the
// DingTalk custom-robot and Feishu custom-bot documents (the documents give the algorithm, not fixed
// example values), so the TypeScript signers are checked against an independent implementation.
describe('robot signatures', () => {
  it('DingTalk sign matches its documented algorithm (timestamp ms + "\\n" + secret, keyed by the secret, URL-encoded)', () => {
    expect(dingtalkSign(1700000000000, 'this is secret')).toBe('sSFWELbV2YwjdDQhWZwTcWlX5BWUx5J6TPpsZmuPii0%3D');
  });

  it('Feishu sign matches its documented algorithm (key = timestamp s + "\\n" + secret over an empty message)', () => {
    expect(feishuSign(1700000000, 'demo-secret')).toBe('mYHw2R2SOm8Rw/sne3lQdmz4sOfntKR+1P/8RKKTwmA=');
  });

  it('the generic webhook signature lets a receiver verify the body and timestamp', () => {
    expect(webhookSign(1700000000000, '{"a":1}', 'whsec')).toBe('e396dba269569843ec61b16bf9a0e70c598b534678cf1863562e0699c7685c8d');
    const ch: Channel = { id: 'c', kind: 'webhook', url: 'http://x/hook', secret: 'whsec', lang: 'en' };
    const req = buildRequest(ch, { title: 't', lines: [], link: 'l' }, 1700000000000, 'key-1');
    const expected = createHmac('sha256', 'whsec').update(`${req.headers['X-Timestamp']}.${req.body}`).digest('hex');
    expect(req.headers['X-Signature']).toBe(`sha256=${expected}`);
    expect(req.headers['Idempotency-Key']).toBe('key-1');
  });
});

const alert: AlertView = {
  id: 'a1', kind: 'bad_with_phone', hall: '政务服务中心', place: '3号窗口', facts: { score: 1, ratingId: 'r1' },
  phone: '13812345678', comment: '等了两个小时', link: 'https://hall.example/dashboard#alert-a1',
};

describe('alert messages', () => {
  it('a message is Chinese by default, masks the phone and leaves out the comment', () => {
    const m = formatAlert(alert, 'zh-CN', false);
    expect(m.title).toBe('【差评留电话】政务服务中心 · 3号窗口');
    expect(m.lines.join('\n')).toContain('138****5678');
    expect(JSON.stringify(m)).not.toContain('13812345678');
    expect(JSON.stringify(m)).not.toContain('等了两个小时');
  });

  it('a recipient who reads English gets English, and the comment only when the hall allows it', () => {
    const m = formatAlert(alert, 'en', true);
    expect(m.title).toContain('Bad review with phone');
    expect(m.lines).toContain('Comment: 等了两个小时');
  });

  it('a bad review with a phone names its window, number and name, and its case, in the recipient\'s language', () => {
    const named: AlertView = { ...alert, place: { zh: '01 综合受理', en: '01 General Intake' }, facts: { score: 1, ratingId: 'r1', case: 'DEMO-20261124-0001' } };
    const zh = formatAlert(named, 'zh-CN', false);
    expect(zh.title).toBe('【差评留电话】政务服务中心 · 01 综合受理');
    expect(zh.lines[0]).toBe('窗口 01 综合受理 收到1分差评，群众留下了联系电话，请及时回访（工单 DEMO-20261124-0001）。');
    expect(formatAlert(named, 'en', false).lines[0]).toBe('A 1-point review at window 01 General Intake left a phone number; please call back (case DEMO-20261124-0001).');
    // No case yet (follow-up switched off): the window alone.
    expect(formatAlert({ ...named, facts: { score: 2, ratingId: 'r2' } }, 'zh-CN', false).lines[0]).toBe('窗口 01 综合受理 收到2分差评，群众留下了联系电话，请及时回访。');
  });

  it('queued alerts for one channel merge into one message that keeps each alert', () => {
    const m = mergeMessages([formatAlert(alert, 'zh-CN', false), formatAlert({ ...alert, id: 'a2', place: '5号窗口' }, 'zh-CN', false)], 'zh-CN');
    expect(m.title).toBe('2 条新提醒');
    expect(m.lines.filter((l) => l.startsWith('【'))).toHaveLength(2);
  });
});

describe('robot payloads', () => {
  const m = formatAlert(alert, 'zh-CN', false);
  const now = 1700000000123;

  it('WeCom gets a markdown message', () => {
    const body = JSON.parse(buildRequest({ id: 'w', kind: 'wecom', url: 'http://x/send?key=K', lang: 'zh-CN' }, m, now, 'k').body);
    expect(body.msgtype).toBe('markdown');
    expect(body.markdown.content).toContain('138****5678');
  });

  it('DingTalk carries timestamp and sign in the query', () => {
    const req = buildRequest({ id: 'd', kind: 'dingtalk', url: 'http://x/robot/send?access_token=T', secret: 'S', lang: 'zh-CN' }, m, now, 'k');
    const q = new URL(req.url).searchParams;
    expect(q.get('timestamp')).toBe(String(now));
    expect(encodeURIComponent(q.get('sign')!)).toBe(dingtalkSign(now, 'S'));
    expect(JSON.parse(req.body).markdown.title).toBe(m.title);
  });

  it('Feishu carries timestamp in seconds and sign in the body', () => {
    const body = JSON.parse(buildRequest({ id: 'f', kind: 'feishu', url: 'http://x/hook', secret: 'S', lang: 'zh-CN' }, m, now, 'k').body);
    expect(body.timestamp).toBe('1700000000');
    expect(body.sign).toBe(feishuSign(1700000000, 'S'));
    expect(body.msg_type).toBe('text');
  });
});

describe('robots pointed at a test or staging receiver (ALERT_ROBOT_ORIGIN)', () => {
  it('is off unless set, takes an http(s) origin, and stops a production start rather than divert the robots', () => {
    expect(robotOriginFromEnv({})).toBeNull();
    expect(robotOriginFromEnv({ ALERT_ROBOT_ORIGIN: 'http://127.0.0.1:9000/' })).toBe('http://127.0.0.1:9000');
    expect(() => robotOriginFromEnv({ ALERT_ROBOT_ORIGIN: 'http://127.0.0.1:9000', NODE_ENV: 'production' })).toThrow(/production/);
    expect(() => robotOriginFromEnv({ ALERT_ROBOT_ORIGIN: 'sink' })).toThrow(/ALERT_ROBOT_ORIGIN/);
    expect(() => robotOriginFromEnv({ ALERT_ROBOT_ORIGIN: 'file:///tmp/sink' })).toThrow(/ALERT_ROBOT_ORIGIN/);
  });
});

describe('reading the receiver’s answer', () => {
  const now = 0;
  it('429 honours Retry-After; 5xx retries; other 4xx fail for good', () => {
    expect(interpretResponse(429, '7', '', now)).toMatchObject({ kind: 'retry', afterMs: 7000 });
    expect(interpretResponse(503, null, '', now)).toMatchObject({ kind: 'retry', afterMs: null });
    expect(interpretResponse(404, null, 'nope', now).kind).toBe('failed');
  });

  it('robot error codes in a 200 answer: rate limits retry, a wrong key fails, errcode 0 is delivered', () => {
    expect(interpretResponse(200, null, '{"errcode":45009,"errmsg":"api freq out of limit"}', now).kind).toBe('retry');
    expect(interpretResponse(200, null, '{"errcode":310000,"errmsg":"sign not match"}', now).kind).toBe('failed');
    expect(interpretResponse(200, null, '{"errcode":0,"errmsg":"ok"}', now).kind).toBe('delivered');
    expect(interpretResponse(200, null, '{"code":0,"msg":"success"}', now).kind).toBe('delivered');
  });
});
