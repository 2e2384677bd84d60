/** A kiosk without WebCrypto (plain HTTP) asks the endpoint for its presence code: same token, same rules on the phone. */
import { describe, it, expect } from 'vitest';
import * as v from 'valibot';
import { makeEndpoint, enrol, response, syncRequest, rows, pick, onlyKiosk } from './testkit';
import { uuidv7 } from '../../src/shared/ids';
import { decodeToken, fromBase64Url, mintPresenceToken, PRESENCE_TTL_SECONDS } from '../../src/shared/token';
import { PresenceKeySchema, PresenceTokenSchema } from '../../src/shared/device-wire';
import { PRESENCE_TOKEN_LIMIT } from '../../src/server/qr/keys';
import { DEFAULT_QR_BURST } from '../../src/shared/qr-burst';

type App = Awaited<ReturnType<typeof makeEndpoint>>['app'];
type Outcome = { id: string; status: string; reason?: string };

/** An endpoint whose clock only the test moves. */
async function hall() {
  const clock = { now: Date.now() };
  const ep = await makeEndpoint({ now: () => clock.now });
  return { ...ep, clock };
}

const presenceToken = (app: App, deviceToken: string | null, query = '') =>
  app.request(`http://hall-server.lan/api/v1/qr/presence-token${query}`, { headers: deviceToken ? { authorization: `Bearer ${deviceToken}` } : {} });

async function issued(app: App, deviceToken: string, query = '') {
  const r = await presenceToken(app, deviceToken, query);
  expect(r.status, await r.clone().text()).toBe(200);
  return v.parse(PresenceTokenSchema, await r.json());
}

async function phoneRates(app: App, token: string, at: number, over: Record<string, unknown> = {}, deviceId = uuidv7()): Promise<Outcome> {
  const r = await app.request('/api/v1/q/sync', syncRequest(null, {
    deviceId, records: [response({ channel: 'qr', staffId: null, token, deviceTime: new Date(at).toISOString(), ...over })],
  }));
  expect(r.status).toBe(200);
  return ((await r.json()) as { results: Outcome[] }).results[0]!;
}

describe('presence codes signed by the endpoint for a kiosk without WebCrypto', () => {
  it('a phone rating made with the code from the route is stored as a presence rating of that window', async () => {
    const { app, store, clock } = await hall();
    const device = await enrol(app, 'w03');
    const code = await issued(app, device, '?windowId=w03');
    expect(code.windowId).toBe('w03');
    expect(code.url).toBe(`http://hall-server.lan/q/w03?t=${encodeURIComponent(code.token)}`);
    expect(Date.parse(code.expiresAt)).toBe((Math.floor(clock.now / 1000) + PRESENCE_TTL_SECONDS) * 1000);
    const outcome = await phoneRates(app, code.token, clock.now, { windowId: 'w03', score: 4 });
    expect(outcome.status).toBe('stored');
    expect(pick((await rows(store, 'responses')).filter((r) => r.window_id === 'w03'), 'channel', 'token_kind', 'score'))
      .toEqual([{ channel: 'qr', token_kind: 'presence', score: 4 }]);
  });

  it('the code is the very token the kiosk would sign itself with its presence key at the same second', async () => {
    const { app, store, clock } = await hall();
    const device = await enrol(app, 'w01');
    const keyAnswer = await app.request('/api/v1/qr/presence-key', { headers: { authorization: `Bearer ${device}` } });
    const key = v.parse(PresenceKeySchema, await keyAnswer.json());
    const code = await issued(app, device);
    const ownSigned = await mintPresenceToken({ kid: key.kid, key: fromBase64Url(key.key)! }, 'w01', clock.now);
    expect(code.token).toBe(ownSigned);
    expect(decodeToken(code.token)).toMatchObject({ kid: `p.${(await onlyKiosk(store)).id}`, k: 'presence', w: 'w01' });
  });

  it('one code carries the same use budget as a kiosk-signed one: ratings past it are stored suspect', async () => {
    const { app, store, clock } = await hall();
    const device = await enrol(app, 'w02');
    const { token } = await issued(app, device);
    const outcomes: Outcome[] = [];
    for (let i = 0; i <= DEFAULT_QR_BURST.presenceBudget; i++) {
      clock.now += 5_000;
      outcomes.push(await phoneRates(app, token, clock.now, { windowId: 'w02' }));
    }
    expect(outcomes.map((o) => o.status)).toEqual(outcomes.map(() => 'stored'));
    const flagged = (await rows(store, 'responses')).filter((r) => r.window_id === 'w02').map((r) => Boolean(r.suspect));
    expect(flagged).toEqual([...Array<boolean>(DEFAULT_QR_BURST.presenceBudget).fill(false), true]);
  });

  it('a kiosk is not given a code for another window, and its code does not rate another window', async () => {
    const { app, clock } = await hall();
    const device = await enrol(app, 'w01');
    const refused = await presenceToken(app, device, '?windowId=w02');
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: 'forbidden' });
    const { token } = await issued(app, device);
    expect(await phoneRates(app, token, clock.now, { windowId: 'w02' })).toMatchObject({ status: 'rejected', reason: 'token_wrong_window' });
  });

  it('without a device token, or with an unknown one, no code is issued', async () => {
    const { app } = await hall();
    expect((await presenceToken(app, null)).status).toBe(401);
    expect((await presenceToken(app, 'not-a-device-token')).status).toBe(401);
  });

  it('a kiosk asking too often in a minute is answered 429 with Retry-After, and gets codes again once the minute has passed', async () => {
    const { app, clock } = await hall();
    const device = await enrol(app, 'w04');
    const other = await enrol(app, 'w05');
    for (let i = 0; i < PRESENCE_TOKEN_LIMIT.max; i++) {
      await issued(app, device);
      clock.now += 1_000;
    }
    const limited = await presenceToken(app, device);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBe(PRESENCE_TOKEN_LIMIT.windowMs / 1000 - PRESENCE_TOKEN_LIMIT.max);
    await issued(app, other); // the limit is per kiosk
    clock.now += PRESENCE_TOKEN_LIMIT.windowMs;
    await issued(app, device);
  });
});
