/** The follow-up loop on the endpoint, in process: cases open with their records, move through the machine, are seen by the right people. */
import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { makeEndpoint, auditOf, enrol, response } from './testkit';
import { badReview, caseOf, complaint, get, json, kiosk, listCases, person, post, step, stepOk } from './cases-kit';
import type { TrackView } from '../../src/shared/cases/wire';
import { CaseDetailSchema, CaseFiguresReportSchema, CaseListSchema, CaseSummarySchema, FollowUpQrSchema, RevealedPhoneSchema, TrackViewSchema } from '../../src/shared/api';
import { formatTrackingCode } from '../../src/shared/cases/tracking';
import { uuidv7 } from '../../src/shared/ids';
import { updateUser } from '../../src/server/auth/users';

// Monday 23 November 2026, 10:00 in Shanghai.
const MON = Date.parse('2026-11-23T10:00:00+08:00');
const clock = (start = MON) => { let t = start; return { now: () => t, set: (ms: number) => { t = ms; } }; };

/** A fresh endpoint on the clock `c`, with a paired kiosk (`send`) and a supervisor of the demo site. */
async function hall(c = clock()) {
  const ep = await makeEndpoint({ now: c.now });
  return { c, ep, send: await kiosk(ep), sup: await person(ep, 'supervisor', { sites: ['demo'] }) };
}

describe('a case opens by itself when a record is stored', () => {
  it('a bad review with a phone opens exactly one case, even when sent again and re-revised', async () => {
    const { ep, send, sup } = await hall();
    const rec = badReview({ rev: 0, reasons: [], comment: undefined, phone: undefined });
    await send(rec);
    await send(rec); // the same batch again
    await send({ ...rec, rev: 1, reasons: ['attitude'], comment: '态度差', phone: '13812345678' });
    await send({ ...rec, rev: 1, reasons: ['attitude'], comment: '态度差', phone: '13812345678' });
    const list = await listCases(ep, sup, '&state=');
    expect(list.total).toBe(1);
    const only = list.items[0]!;
    expect(only).toMatchObject({ kind: 'bad_review', state: 'new', needsCallback: true, score: 1, windowId: 'w01', staffId: 's1001' });
    expect(only.number).toMatch(/^DEMO-2026-11-\d{4}$/);
    // Call back within one working day (end of Tuesday), close within three (end of Thursday), Shanghai time.
    expect(only.callbackDueAt).toBe('2026-11-24T16:00:00.000Z');
    expect(only.dueAt).toBe('2026-11-26T16:00:00.000Z');
  });

  it('a bad review whose reasons, given after the first tap, include 违规收费 becomes major (seven working days); a supervisor\'s 定性 stands over later reasons', async () => {
    const { ep, send, sup } = await hall();
    const rec = badReview({ rev: 0, reasons: [], comment: undefined, phone: undefined });
    await send(rec);
    expect((await listCases(ep, sup)).items[0]).toMatchObject({ category: 'general', dueAt: '2026-11-26T16:00:00.000Z' });
    await send({ ...rec, rev: 1, reasons: ['irregular_charges'], phone: '13812345678' });
    const [major] = (await listCases(ep, sup)).items;
    // Seven working days after Monday: the Wednesday after next, end of day in Shanghai.
    expect(major).toMatchObject({ category: 'major', dueAt: '2026-12-02T16:00:00.000Z', needsCallback: true });
    const detail = await caseOf(ep, sup, major!.number);
    expect(detail.events.at(-1)).toMatchObject({ by: 'system', action: 'revised', detail: { category: 'major', phoneAdded: true } });

    await stepOk(ep, sup, major!.number, { action: 'classify', category: 'general', note: '系法定收费，按一般问题办理' });
    await send({ ...rec, rev: 2, reasons: ['irregular_charges', 'attitude'], phone: '13812345678' });
    expect((await caseOf(ep, sup, major!.number)).category).toBe('general');
  });

  it('a bad rating the citizen changes to 3 or more before anyone works the case withdraws the case, audited, and leaves the open list', async () => {
    const { ep, send, sup } = await hall();
    const rec = badReview({ phone: undefined });
    await send(rec);
    await send({ ...rec, rev: 1, score: 4, reasons: [], comment: undefined });
    expect((await listCases(ep, sup, '&state=open')).total).toBe(0);
    const [only] = (await listCases(ep, sup, '&state=withdrawn')).items;
    expect(only).toMatchObject({ state: 'withdrawn', score: 4, due: 'done', closedAt: expect.any(String) });
    const detail = await caseOf(ep, sup, only!.number);
    expect(detail.events.map((e) => `${e.action}:${e.from}>${e.to}`)).toEqual(['opened:new>new', 'withdrawn:new>withdrawn']);
    expect(detail.events[1]).toMatchObject({ by: 'system', detail: { score: { from: 1, to: 4 } } });
    expect((await auditOf(ep.store, 'case.withdrawn')).map((a) => a.actor)).toEqual(['system']);
    const r = await step(ep, sup, only!.number, { action: 'assign', assignee: sup.username });
    expect(r.status).toBe(409);
    expect(await r.json()).toMatchObject({ error: 'case_closed' });
  });

  it('a changed rating sent twice withdraws its case once', async () => {
    const { ep, send, sup } = await hall();
    const rec = badReview({ phone: undefined });
    await send(rec);
    const changed = { ...rec, rev: 1, score: 5, reasons: [], comment: undefined };
    await send(changed);
    await send(changed, changed);
    const [only] = (await listCases(ep, sup)).items;
    expect((await caseOf(ep, sup, only!.number)).events.map((e) => e.action)).toEqual(['opened', 'withdrawn']);
    expect(await auditOf(ep.store, 'case.withdrawn')).toHaveLength(1);
  });

  it('a case someone already worked (assigned, or only given a note) stays open when the score is lifted, and records the change', async () => {
    const { ep, send, sup } = await hall();
    const assigned = badReview({ phone: undefined });
    const noted = badReview({ phone: undefined });
    await send(assigned, noted);
    const numbers = (await listCases(ep, sup)).items.map((c) => c.number); // numbered in the batch's order
    await stepOk(ep, sup, numbers[0]!, { action: 'assign', assignee: sup.username });
    await stepOk(ep, sup, numbers[1]!, { action: 'comment', note: '先看监控再定' });
    await send({ ...assigned, rev: 1, score: 4, reasons: [], comment: undefined }, { ...noted, rev: 1, score: 3, reasons: [], comment: undefined });
    const open = await listCases(ep, sup, '&state=open');
    expect(open.items.map((c) => [c.state, c.score]).sort()).toEqual([['assigned', 4], ['new', 3]]);
    for (const n of numbers) {
      const events = (await caseOf(ep, sup, n)).events;
      expect(events.at(-1)).toMatchObject({ action: 'revised', by: 'system', detail: { score: { from: 1, to: expect.any(Number) } } });
      expect(events.at(-1)!.from).toBe(events.at(-1)!.to);
    }
    expect(await auditOf(ep.store, 'case.withdrawn')).toHaveLength(0);
  });

  it('a withdrawn case whose rating is made bad again reopens, its deadlines still counted from the first rating', async () => {
    const { c, ep, send, sup } = await hall();
    const rec = badReview({ phone: undefined });
    await send(rec);
    const [first] = (await listCases(ep, sup)).items;
    await send({ ...rec, rev: 1, score: 4, reasons: [], comment: undefined });
    c.set(MON + 60_000);
    await send({ ...rec, rev: 2, score: 2, reasons: ['slow'], comment: '还是太慢', phone: '13812345678' });
    const [again] = (await listCases(ep, sup, '&state=open')).items;
    expect(again).toMatchObject({ number: first!.number, state: 'new', score: 2, dueAt: first!.dueAt, closedAt: null, needsCallback: true });
    expect((await caseOf(ep, sup, first!.number)).events.map((e) => `${e.action}:${e.to}`)).toEqual(['opened:new', 'withdrawn:withdrawn', 'reopened:new']);
  });

  it('a complaint opens a case; praise, good ratings and follow-up ratings do not', async () => {
    const { ep, send, sup } = await hall();
    await send(complaint(), complaint({ category: 'praise', text: '服务很好' }), response({ score: 5 }), response({ score: 3 }));
    const list = await listCases(ep, sup, '&state=');
    expect(list.items.map((i) => i.kind)).toEqual(['complaint']);
    expect(list.items[0]!.needsCallback).toBe(false);
  });
});

describe('working a case', () => {
  it('a supervisor assigns; the assignee records verification, call, rectification and answer; the supervisor closes', async () => {
    const { c, ep, send, sup } = await hall();
    const staff = await person(ep, 'staff', { staffId: 's1002' });
    await send(badReview());
    const [only] = (await listCases(ep, sup)).items;
    const n = only!.number;
    expect((await step(ep, staff, n, { action: 'assign', assignee: staff.username })).status).toBe(404); // not theirs yet
    await stepOk(ep, sup, n, { action: 'assign', assignee: staff.username });
    await stepOk(ep, staff, n, { action: 'verify', founded: true, note: '查看监控，确有等候过久' });
    c.set(MON + 3_600_000);
    await stepOk(ep, staff, n, { action: 'call', reached: true, note: '已致歉，群众表示理解' });
    await stepOk(ep, staff, n, { action: 'rectify', note: '高峰时段增开窗口' });
    await stepOk(ep, staff, n, { action: 'answer', channel: 'phone', note: '已增开窗口，感谢监督' });
    expect((await step(ep, staff, n, { action: 'close' })).status).toBe(403); // 复核 is the supervisor's
    const closed = await stepOk(ep, sup, n, { action: 'close', note: '复核通过' });
    expect(closed).toMatchObject({ state: 'closed', due: 'done', callOutcome: 'reached' });
    const detail = await caseOf(ep, sup, n);
    expect(detail.events.map((e) => `${e.action}:${e.to}`)).toEqual([
      'opened:new', 'assign:assigned', 'verify:verified', 'call:called_back', 'rectify:rectified', 'answer:answered', 'close:closed',
    ]);
    expect(detail.events.map((e) => e.by)).toEqual(['system', sup.username, staff.username, staff.username, staff.username, staff.username, sup.username]);
    expect((await auditOf(ep.store, 'case.verify')).length).toBe(1);
  });

  it('an illegal step is refused with 409 and the machine\'s code, and a bad body names the field', async () => {
    const { ep, send, sup } = await hall();
    await send(badReview());
    const n = (await listCases(ep, sup)).items[0]!.number;
    const r = await step(ep, sup, n, { action: 'rectify', note: '跳过核实' });
    expect(r.status).toBe(409);
    expect(await r.json()).toMatchObject({ error: 'wrong_state' });
    const bad = await step(ep, sup, n, { action: 'verify', founded: 'yes', note: 'x' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ field: 'founded' });
  });

  it('a case is assigned only to an active user who may see its hall; anyone else is a 400 naming the assignee and the case stays unassigned', async () => {
    const { ep, send, sup } = await hall();
    const otherHall = await person(ep, 'supervisor', { sites: ['elsewhere'] });
    const noHall = await person(ep, 'staff'); // no staff member, no hall
    const left = await person(ep, 'staff', { staffId: 's1003' });
    await updateUser(ep.store, (await ep.store.users.byName(left.username))!.id, { disabled: true });
    await send(badReview());
    const n = (await listCases(ep, sup)).items[0]!.number;
    for (const assignee of ['no-such-user', otherHall.username, noHall.username, left.username]) {
      const r = await step(ep, sup, n, { action: 'assign', assignee });
      expect(r.status, assignee).toBe(400);
      expect(await r.json(), assignee).toMatchObject({ field: 'assignee', message: expect.stringContaining(assignee) });
    }
    const detail = await caseOf(ep, sup, n);
    expect(detail).toMatchObject({ state: 'new', assignee: null });
    expect(detail.events.map((e) => e.action)).toEqual(['opened']);
    const staffOfTheHall = await person(ep, 'staff', { staffId: 's1002' }); // sees the hall through their staff member
    // The assign form offers exactly the people the step accepts (and the admin, who sees every hall).
    const offered = await json<{ users: Array<{ username: string; role: string }> }>(get(ep, sup, `/api/v1/cases/${n}/assignees`));
    const names = offered.users.map((u) => u.username);
    expect(names).toEqual(expect.arrayContaining([sup.username, staffOfTheHall.username]));
    for (const refused of [otherHall.username, noHall.username, left.username]) expect(names).not.toContain(refused);
    expect((await get(ep, staffOfTheHall, `/api/v1/cases/${n}/assignees`)).status).toBe(403); // staff do not assign
    expect(await stepOk(ep, sup, n, { action: 'assign', assignee: staffOfTheHall.username })).toMatchObject({ state: 'assigned', assignee: staffOfTheHall.username });
  });

  it('the phone is masked on the case page and revealed to the supervisor and the assignee only, each reveal audited', async () => {
    const { ep, send, sup } = await hall();
    const assignee = await person(ep, 'staff', { staffId: 's1002' });
    const subject = await person(ep, 'staff', { staffId: 's1001' }); // the rated staff member sees the case, not the number
    await send(badReview());
    const n = (await listCases(ep, sup)).items[0]!.number;
    await stepOk(ep, sup, n, { action: 'assign', assignee: assignee.username });
    expect((await caseOf(ep, sup, n)).sources[0]!.phone).toBe('138****5678');
    expect((await caseOf(ep, subject, n)).canReveal).toBe(false);
    expect((await post(ep, subject, `/api/v1/cases/${n}/reveal`, {})).status).toBe(403);
    expect(await json(post(ep, sup, `/api/v1/cases/${n}/reveal`, {}))).toMatchObject({ phone: '13812345678' });
    expect(await json(post(ep, assignee, `/api/v1/cases/${n}/reveal`, {}))).toMatchObject({ phone: '13812345678' });
    const audited = await auditOf(ep.store, 'case.phone_revealed');
    expect(audited.map((a) => a.actor)).toEqual([sup.username, assignee.username]);
  });
});

describe('names on the case screens, in both staff languages', () => {
  it('the list and the case page name the window, the staff member and the reasons in Chinese as before, and in English from the config', async () => {
    const { ep, send, sup } = await hall();
    await send(badReview({ reasons: ['slow', 'attitude'] }));
    const [listed] = (await listCases(ep, sup)).items;
    expect(listed).toMatchObject({
      windowLabel: '01 综合受理', windowNames: { zh: '01 综合受理', en: '01 General Intake' },
      staffLabel: '王丽（1001）', staffNames: { zh: '王丽（1001）', en: '王丽 (1001)' },
    });
    const page = await caseOf(ep, sup, listed!.number);
    expect(page).toMatchObject({ windowNames: listed!.windowNames, staffNames: listed!.staffNames });
    expect(page.sources[0]).toMatchObject({
      reasonLabels: ['办事效率低', '服务态度差'],
      reasonNames: [{ zh: '办事效率低', en: 'Slow service' }, { zh: '服务态度差', en: 'Poor attitude' }],
    });
  });
});

describe('numbers a citizen typed into their words', () => {
  it('are masked on the case page for everyone who sees it; the audited reveal gives the number left for the call-back, and the words stay as shown', async () => {
    const { ep, send, sup } = await hall();
    const subject = await person(ep, 'staff', { staffId: 's1001' });
    const review = badReview({ comment: '等了很久没人理，请打 13987654321' });
    const complained = complaint({ text: '窗口推诿，回电 0571-87654321' });
    await send(review, complained);
    const byKind = new Map((await listCases(ep, sup)).items.map((i) => [i.kind, i.number]));
    for (const who of [sup, subject]) {
      const rated = await caseOf(ep, who, byKind.get('bad_review')!);
      expect(rated.sources[0]).toMatchObject({ text: '等了很久没人理，请打 139****4321', phone: '138****5678' });
      expect((await caseOf(ep, who, byKind.get('complaint')!)).sources[0]!.text).toBe('窗口推诿，回电 057*****4321');
    }
    const revealed = await json<Record<string, unknown>>(post(ep, sup, `/api/v1/cases/${byKind.get('bad_review')!}/reveal`, {}));
    expect(revealed).toMatchObject({ phone: '13812345678' });
    expect(JSON.stringify(revealed)).not.toContain('13987654321');
    expect((await caseOf(ep, sup, byKind.get('bad_review')!)).sources[0]!.text).toBe('等了很久没人理，请打 139****4321');
    expect((await auditOf(ep.store, 'case.phone_revealed')).map((a) => a.actor)).toEqual([sup.username]);
  });

  it('a number left only in the words is the one to call back on: shown masked as the phone, given whole by the audited reveal', async () => {
    const { ep, send, sup } = await hall();
    await send(badReview({ phone: undefined, comment: '请回电 138-1234-0000，白天都在' }), complaint({ text: '窗口推诿，座机 0571 87654321' }));
    const byKind = new Map((await listCases(ep, sup)).items.map((i) => [i.kind, i.number]));
    const rated = await caseOf(ep, sup, byKind.get('bad_review')!);
    expect(rated.sources[0]).toMatchObject({ text: '请回电 138****0000，白天都在', phone: '138****0000' });
    expect(rated.timeZone).toBe('Asia/Shanghai'); // the page shows the case's times on its hall's clock
    expect(await json<Record<string, unknown>>(post(ep, sup, `/api/v1/cases/${byKind.get('bad_review')!}/reveal`, {}))).toMatchObject({ phone: '13812340000' });
    expect(await json<Record<string, unknown>>(post(ep, sup, `/api/v1/cases/${byKind.get('complaint')!}/reveal`, {}))).toMatchObject({ phone: '057187654321' });
    const audited = await auditOf(ep.store, 'case.phone_revealed');
    expect(audited).toHaveLength(2);
    expect(audited.every((a) => String(a.detail).includes('"from":"text"'))).toBe(true);
  });

  it('past the hall\'s retention a number typed into the words is not revealed, as a purged phone field is not', async () => {
    const { c, ep, send, sup } = await hall();
    await send(badReview({ phone: undefined, comment: '请回电 138-1234-0000，白天都在' }));
    const n = (await listCases(ep, sup)).items[0]!.number;
    c.set(MON + 181 * 86_400_000); // the demo hall keeps personal data 180 days
    const later = await person(ep, 'supervisor', { sites: ['demo'] }); // months later, a session of that day
    const r = await post(ep, later, `/api/v1/cases/${n}/reveal`, {});
    expect(r.status).toBe(404);
    expect(await r.json()).toMatchObject({ error: 'no_phone' });
    expect(await auditOf(ep.store, 'case.phone_revealed')).toHaveLength(0);
  });

  it('a follow-up rating\'s comment shows on the case page with its number masked', async () => {
    const { ep, send, sup } = await hall();
    await send(badReview({ phone: undefined }));
    const n = (await listCases(ep, sup)).items[0]!.number;
    await stepOk(ep, sup, n, { action: 'assign', assignee: sup.username });
    await stepOk(ep, sup, n, { action: 'verify', founded: true, note: '属实' });
    await stepOk(ep, sup, n, { action: 'rectify', note: '已整改' });
    const qr = await json<{ url: string }>(post(ep, sup, `/api/v1/cases/${n}/followup-qr`, {}));
    const token = new URL(qr.url).searchParams.get('t')!;
    await ep.app.request('/api/v1/q/sync', { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ deviceId: uuidv7(), records: [response({ channel: 'qr', staffId: null, token, score: 4, followUp: true, comment: '改进明显，有事打13987654321' })] }) });
    expect((await caseOf(ep, sup, n)).followUps).toMatchObject([{ score: 4, comment: '改进明显，有事打139****4321' }]);
  });
});

describe('the citizen follows the case', () => {
  it('the tracking code shows the states and the hall\'s answer, and nothing personal', async () => {
    const { ep, send, sup } = await hall();
    const rec = badReview({ comment: '私人留言', phone: '13912345678' });
    await send(rec);
    const n = (await listCases(ep, sup)).items[0]!.number;
    await stepOk(ep, sup, n, { action: 'assign', assignee: sup.username });
    await stepOk(ep, sup, n, { action: 'verify', founded: true, note: '内部核实记录' });
    const code = formatTrackingCode(rec.trackingCode).toLowerCase(); // as a person might type it
    const res = await get(ep, null, `/api/v1/track/${code}`);
    const body = await res.text();
    const view = JSON.parse(body) as TrackView;
    expect(view).toMatchObject({ number: n, state: 'verified', answer: null, windowNumber: expect.any(String) });
    expect(view.steps.map((s) => s.state)).toEqual(['new', 'assigned', 'verified']);
    for (const secret of ['13912345678', '5678', '私人留言', '内部核实记录', sup.username, 's1001']) expect(body).not.toContain(secret);
  });

  it('unknown codes are counted per address and answered 429 with Retry-After once too many', async () => {
    const ep = await makeEndpoint({ now: clock().now });
    let last: Response | null = null;
    for (let i = 0; i < 31; i++) last = await get(ep, null, `/api/v1/track/${String(i).padStart(16, '0')}`);
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('二次评价 from the case page', () => {
  it('once rectified, the case page makes the follow-up QR code, and the follow-up rating shows on the case without opening another', async () => {
    const { ep, send, sup } = await hall();
    await send(badReview({ phone: undefined }));
    const n = (await listCases(ep, sup)).items[0]!.number;
    expect((await post(ep, sup, `/api/v1/cases/${n}/followup-qr`, {})).status).toBe(409);
    await stepOk(ep, sup, n, { action: 'assign', assignee: sup.username });
    await stepOk(ep, sup, n, { action: 'verify', founded: true, note: '属实' });
    await stepOk(ep, sup, n, { action: 'rectify', note: '已整改' });
    const qr = await json<{ url: string; svg: string }>(post(ep, sup, `/api/v1/cases/${n}/followup-qr`, {}));
    expect(qr.svg).toContain('<svg');
    const token = new URL(qr.url).searchParams.get('t')!;
    expect(new URL(qr.url).pathname).toBe('/q/w01');
    const r = await ep.app.request('/api/v1/q/sync', { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ deviceId: uuidv7(), records: [response({ channel: 'qr', staffId: null, token, score: 4, followUp: true, comment: '改进明显' })] }) });
    expect(await r.json()).toMatchObject({ results: [{ status: 'stored' }] });
    const detail = await caseOf(ep, sup, n);
    expect(detail.followUps).toMatchObject([{ score: 4, comment: '改进明显' }]);
    expect((await listCases(ep, sup, '&state=')).total).toBe(1);
  });

  it('a case number another window\'s kiosk already uses gets no follow-up QR, and that window\'s case is not marked rectified', async () => {
    const { ep, send, sup } = await hall();
    await send(badReview({ phone: undefined }));
    const n = (await listCases(ep, sup)).items[0]!.number; // a w01 case
    const w02 = await enrol(ep.app, 'w02');
    const w02AsksFollowUp = async () => {
      const r = await ep.app.request('/api/v1/qr/case', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${w02}` }, body: JSON.stringify({ caseNo: n, followUp: true }) });
      return { status: r.status, body: (await r.json()) as Record<string, unknown> };
    };
    expect(await w02AsksFollowUp()).toMatchObject({ status: 409, body: { error: 'case_not_rectified' } }); // registers the number to w02
    await stepOk(ep, sup, n, { action: 'assign', assignee: sup.username });
    await stepOk(ep, sup, n, { action: 'verify', founded: true, note: '属实' });
    await stepOk(ep, sup, n, { action: 'rectify', note: '已整改' });
    const clash = await post(ep, sup, `/api/v1/cases/${n}/followup-qr`, {});
    expect(clash.status).toBe(409);
    const body = (await clash.json()) as { error: string; message: string };
    expect(body.error).toBe('case_other_window');
    expect(body.message).toContain('"w02"');
    expect((await auditOf(ep.store, 'qr_case_refused')).map((a) => JSON.parse(a.detail as string) as unknown)).toMatchObject([{ caseNo: n, windowId: 'w01', belongsTo: 'w02' }]);
    expect(await w02AsksFollowUp()).toMatchObject({ status: 409, body: { error: 'case_not_rectified' } });
    expect((await caseOf(ep, sup, n)).state).toBe('rectified');
  });
});

describe('the follow-up API answers in the shapes the dashboard checks', () => {
  it('the list, a case, a step, the figures, the revealed phone, the follow-up QR and the progress page each match their schema', async () => {
    const { ep, send, sup } = await hall();
    const rec = badReview();
    await send(rec);
    const issues = (schema: v.GenericSchema, answer: unknown) => v.safeParse(schema, answer).issues?.map((i) => `${v.getDotPath(i)}: ${i.message}`) ?? [];
    const list = await json(get(ep, sup, '/api/v1/cases?site=demo'));
    expect(issues(CaseListSchema, list)).toEqual([]);
    const n = (list as { items: Array<{ number: string }> }).items[0]!.number;
    expect(issues(CaseDetailSchema, await json(get(ep, sup, `/api/v1/cases/${n}`)))).toEqual([]);
    expect(issues(CaseSummarySchema, await stepOk(ep, sup, n, { action: 'assign', assignee: sup.username }))).toEqual([]);
    for (const body of [{ action: 'verify', founded: true, note: '核实属实' }, { action: 'call', reached: true, note: '已回访' }, { action: 'rectify', note: '已整改' }]) await stepOk(ep, sup, n, body);
    expect(issues(CaseFiguresReportSchema, await json(get(ep, sup, '/api/v1/case-figures?site=demo&from=2026-11-01&to=2026-11-30')))).toEqual([]);
    expect(issues(RevealedPhoneSchema, await json(post(ep, sup, `/api/v1/cases/${n}/reveal`, {})))).toEqual([]);
    expect(issues(FollowUpQrSchema, await json(post(ep, sup, `/api/v1/cases/${n}/followup-qr`, {})))).toEqual([]);
    expect(issues(TrackViewSchema, await json(get(ep, null, `/api/v1/track/${(rec as { trackingCode: string }).trackingCode}`)))).toEqual([]);
  });
});
