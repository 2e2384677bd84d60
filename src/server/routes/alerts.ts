import { Hono } from 'hono';
import { requestOrigin } from '../process/public-url';
import * as v from 'valibot';
import { formatAlert } from '../../shared/alerts/messages';
import { AlertAckBodySchema, AlertChannelBodySchema } from '../../shared/alerts/wire';
import { parseRecipients } from '../../shared/alerts/recipients';
import { channelUrlProblem, type ChannelUrlProblem } from '../../shared/alerts/channel-url';
import { channelOf } from '../alerts/raise';
import { addressedTo, alertsFor } from '../alerts/mine';
import { makeSender, smtpFromEnv } from '../alerts/send';
import { audit } from '../audit';
import type { AppDeps, AppEnv } from '../http/context';
import { fail, readJson } from '../http/errors';
import { clientAddress, requireUser, visibleSites } from '../http/guards';
import { firstIssue } from '../../shared/wire';
import type { ChannelRow } from '../store';

function parse<T extends v.GenericSchema>(schema: T, body: unknown): v.InferOutput<T> {
  const r = v.safeParse(schema, body);
  if (!r.success) {
    const { field, message } = firstIssue(r.issues);
    throw fail(400, 'invalid', `${field || 'body'} ${message}`, field || undefined);
  }
  return r.output;
}

/** What the endpoint says of an address that does not suit its channel's kind (the admin page says it in Chinese). */
const URL_RULES: Record<ChannelUrlProblem, (kind: string) => string> = {
  not_robot: (kind) => `must be the ${kind === 'dingtalk' ? 'DingTalk robot webhook (https://oapi.dingtalk.com/robot/send?access_token=…)'
    : kind === 'wecom' ? 'WeCom group robot webhook (https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…)'
      : 'Feishu or Lark bot webhook (https://open.feishu.cn/open-apis/bot/v2/hook/… or https://open.larksuite.com/open-apis/bot/v2/hook/…)'}`,
  not_https: () => 'must be https, or http only to a loopback or private address (the hall\'s own server)',
};

/** A channel as admins see it: the secret is never sent back, only whether one is set. */
const publicChannel = (c: ChannelRow) => ({
  id: c.id, siteId: c.site_id, kind: c.kind, name: c.name, url: c.url, hasSecret: Boolean(c.secret),
  recipients: c.recipients, lang: c.lang, kinds: c.kinds ? (JSON.parse(c.kinds) as string[]) : null,
});

/** The bell (supervisors and admins: the hall's alerts; staff: those addressed to them) and alert channels, test sends, delivery log and dead letters (admins). */
export function alertRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const readers = requireUser(deps, ['admin', 'supervisor', 'staff']);
  const admin = requireUser(deps, ['admin']);
  const sender = deps.alertSender ?? makeSender(smtpFromEnv());

  app.get('/alerts', readers, async (c) => {
    const user = c.get('session').user;
    const sites = visibleSites(deps, user);
    const { alerts: list, unread } = user.role === 'staff' ? await alertsFor(deps.store, sites, user.username, 50)
      : { alerts: await deps.store.alerts.list(sites, 50), unread: await deps.store.alerts.unread(sites) };
    const timeZone = (siteId: string) => deps.config.sites.get(siteId)?.timeZone ?? 'Asia/Shanghai';
    return c.json({ unread, alerts: list.map((a) => ({ ...a, facts: JSON.parse(a.facts) as Record<string, unknown>, timeZone: timeZone(a.site_id) })) });
  });

  app.get('/alerts/unread', readers, async (c) => {
    const user = c.get('session').user;
    const sites = visibleSites(deps, user);
    return c.json({ unread: user.role === 'staff' ? (await alertsFor(deps.store, sites, user.username, 0)).unread : await deps.store.alerts.unread(sites) });
  });

  app.post('/alerts/:id/ack', readers, async (c) => {
    const { comment } = parse(AlertAckBodySchema, await readJson(c.req.raw));
    const user = c.get('session').user;
    const alert = await deps.store.alerts.get(c.req.param('id'));
    const mine = alert && (user.role !== 'staff' || addressedTo(alert, user.username));
    if (!alert || !mine || !visibleSites(deps, user).includes(alert.site_id)) throw fail(404, 'not_found', 'no such alert', 'id');
    const now = deps.now();
    // The acknowledgement and its audit line are kept together or not at all.
    const done = await deps.store.tx(async (t) => {
      const ok = await t.alerts.acknowledge(alert.id, user.username, comment, now);
      if (ok) await audit(t, user.username, 'alert_ack', { alert: alert.id, kind: alert.kind }, now, clientAddress(c));
      return ok;
    });
    if (!done) throw fail(409, 'already_acknowledged', `acknowledged by ${alert.acked_by ?? 'someone'}`, 'id');
    return c.json({ id: alert.id, ackedAt: now, ackedBy: user.username, comment });
  });

  app.get('/admin/alert-channels', admin, async (c) => c.json({ channels: (await deps.store.alertChannels.list('all')).map(publicChannel) }));

  app.put('/admin/alert-channels/:id', admin, async (c) => {
    const id = c.req.param('id');
    if (!/^[a-z0-9_-]{1,40}$/i.test(id)) throw fail(400, 'invalid', 'id must be 1–40 letters, digits, - or _', 'id');
    const b = parse(AlertChannelBodySchema, await readJson(c.req.raw));
    if (!deps.config.sites.has(b.siteId)) throw fail(400, 'invalid', `unknown site "${b.siteId}"`, 'siteId');
    if (b.kind !== 'email' && !b.url) throw fail(400, 'invalid', 'url is required', 'url');
    const urlProblem = b.url && b.kind !== 'email' ? channelUrlProblem(b.kind, b.url) : null;
    if (urlProblem) throw fail(400, 'invalid', `url ${URL_RULES[urlProblem](b.kind)}`, 'url');
    const recipients = parseRecipients(b.recipients ?? null);
    if (!recipients.ok) throw fail(400, 'invalid', `recipient "${recipients.entry}" is not an address, a role (supervisor, admin, assignee) or @username`, 'recipients');
    if (b.kind === 'email' && !recipients.entries.some((e) => e.address)) throw fail(400, 'invalid', 'recipients need at least one e-mail address', 'recipients');
    const old = await deps.store.alertChannels.get(id);
    const row: ChannelRow = {
      id, site_id: b.siteId, kind: b.kind, name: b.name, url: b.url ?? null, secret: b.secret === undefined ? (old?.secret ?? null) : b.secret,
      recipients: b.recipients ?? null, lang: b.lang, kinds: b.kinds ? JSON.stringify(b.kinds) : null, created_at: old?.created_at ?? deps.now(),
    };
    await deps.store.alertChannels.put(row);
    await audit(deps.store, c.get('session').user.username, 'alert_channel_put', { id, kind: b.kind, site: b.siteId }, deps.now(), clientAddress(c));
    return c.json(publicChannel(row));
  });

  app.delete('/admin/alert-channels/:id', admin, async (c) => {
    if (!(await deps.store.alertChannels.remove(c.req.param('id')))) throw fail(404, 'not_found', 'no such channel', 'id');
    await audit(deps.store, c.get('session').user.username, 'alert_channel_delete', { id: c.req.param('id') }, deps.now(), clientAddress(c));
    return c.json({ ok: true });
  });

  /** Sends a test message straight away (not through the outbox) and shows what the receiver answered. */
  app.post('/admin/alert-channels/:id/test', admin, async (c) => {
    const row = await deps.store.alertChannels.get(c.req.param('id'));
    if (!row) throw fail(404, 'not_found', 'no such channel', 'id');
    const site = deps.config.sites.get(row.site_id);
    const now = deps.now();
    const message = formatAlert({ id: 'test', kind: 'test', hall: site?.name ?? row.site_id, place: row.name, facts: {}, link: `${deps.linkBase ?? requestOrigin(c.req.url)}/dashboard` }, row.lang === 'en' ? 'en' : 'zh-CN', false);
    const outcome = await sender(channelOf(row), message, `test-${now}`, now);
    return c.json(outcome);
  });

  app.get('/admin/alert-deliveries', admin, async (c) => {
    const status = c.req.query('status') ?? 'all';
    if (!['all', 'pending', 'sent', 'dead'].includes(status)) throw fail(400, 'invalid', 'status must be all, pending, sent or dead', 'status');
    return c.json({ deliveries: await deps.store.outbox.list(status as 'all', 200) });
  });

  app.post('/admin/alert-deliveries/:id/resend', admin, async (c) => {
    const id = c.req.param('id');
    if (!(await deps.store.outbox.resend(id, deps.now()))) throw fail(404, 'not_found', 'no dead letter with this id', 'id');
    await audit(deps.store, c.get('session').user.username, 'alert_resend', { id }, deps.now(), clientAddress(c));
    return c.json({ ok: true });
  });

  return app;
}
