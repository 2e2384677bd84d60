/** Shapes of the alert-channel admin API (/api/v1/admin/alert-*), shared by the endpoint and the settings screen. */
import * as v from 'valibot';
import { NO_NUL } from '../wire-text';
import { ALERT_KINDS } from './rules';

/**
 * PUT /api/v1/admin/alert-channels/:id. Whether the address suits the kind (a robot's must be its vendor's webhook) is
 * checked by the route with src/shared/alerts/channel-url.ts: a cross-field check here would grow the valibot code every
 * page shares, the kiosk's start included.
 */
export const AlertChannelBodySchema = v.object({
  siteId: v.pipe(v.string(), v.minLength(1), NO_NUL),
  kind: v.picklist(['wecom', 'dingtalk', 'feishu', 'webhook', 'email']),
  name: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(80), NO_NUL),
  url: v.optional(v.nullable(v.pipe(v.string(), v.url(), v.maxLength(1000), NO_NUL))),
  /** Omitted keeps the stored secret; null removes it. */
  secret: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(200), NO_NUL))),
  /** Addresses, roles and people the channel serves (src/shared/alerts/recipients.ts). */
  recipients: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(1000), NO_NUL))),
  lang: v.optional(v.picklist(['zh-CN', 'en']), 'zh-CN'),
  kinds: v.optional(v.nullable(v.array(v.picklist([...ALERT_KINDS, 'digest', 'monthly'])))),
});
export type AlertChannelBody = v.InferInput<typeof AlertChannelBodySchema>;

/** A channel as admins see it: whether a secret is set, never the secret. */
export const AlertChannelSchema = v.object({
  id: v.string(), siteId: v.string(), kind: v.string(), name: v.string(), url: v.nullable(v.string()), hasSecret: v.boolean(),
  recipients: v.nullable(v.string()), lang: v.string(), kinds: v.nullable(v.array(v.string())),
});
export type AlertChannel = v.InferOutput<typeof AlertChannelSchema>;
export const AlertChannelListSchema = v.object({ channels: v.array(AlertChannelSchema) });

/** One outbox entry in the delivery log. */
export const AlertDeliverySchema = v.object({
  id: v.string(), channelId: v.string(), message: v.object({ title: v.string() }), since: v.number(), attempts: v.number(),
  status: v.picklist(['pending', 'sent', 'dead']), lastError: v.nullable(v.string()), answer: v.nullable(v.string()),
});
export type AlertDelivery = v.InferOutput<typeof AlertDeliverySchema>;
export const AlertDeliveryListSchema = v.object({ deliveries: v.array(AlertDeliverySchema) });

/** What "send a test" got back from the receiver. */
export const TestOutcomeSchema = v.variant('kind', [
  v.object({ kind: v.literal('delivered'), answer: v.string() }),
  v.object({ kind: v.literal('retry'), error: v.string(), afterMs: v.nullable(v.number()) }),
  v.object({ kind: v.literal('failed'), error: v.string() }),
]);

/**
 * One alert on the bell (GET /api/v1/alerts), as the store keeps it with its facts parsed. The facts are
 * strings and numbers; they are read as unknown because a union here would grow the valibot code every page
 * shares, the kiosk's start included.
 */
export const BellAlertSchema = v.object({
  id: v.string(), kind: v.string(), window_id: v.nullable(v.string()), facts: v.record(v.string(), v.unknown()), link: v.string(),
  raised_at: v.number(), closed_at: v.nullable(v.number()), acked_at: v.nullable(v.number()), acked_by: v.nullable(v.string()), ack_comment: v.nullable(v.string()),
  /** The alert's hall's time zone: the bell shows its times on the hall's clock. */
  timeZone: v.string(),
});
export type BellAlert = v.InferOutput<typeof BellAlertSchema>;
/** GET /api/v1/alerts: the latest alerts the user may see and how many are unacknowledged. */
export const BellListSchema = v.object({ unread: v.number(), alerts: v.array(BellAlertSchema) });

/** POST /api/v1/alerts/:id/ack: the responsible person's note of what they did (已致电群众，明天整改), never blank. */
export const AlertAckBodySchema = v.object({
  comment: v.pipe(v.string(), v.trim(), v.minLength(2, 'must say what was done (at least 2 characters)'), v.maxLength(500), NO_NUL),
});

/** POST /api/v1/alerts/:id/ack answers with the acknowledgement it stored. */
export const AlertAckSchema = v.object({ id: v.string(), ackedAt: v.number(), ackedBy: v.string(), comment: v.string() });
