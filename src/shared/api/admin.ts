/** Schemas of the admin screens: windows, the kiosk fleet and pairing, users and roles, the audit log. */
import * as v from 'valibot';
import { NO_NUL } from '../wire-text';
import { BiName, SiteRefSchema, WindowRefSchema } from './common';
import { RoleSchema } from './auth';

/** GET /api/v1/windows: every site and window, for pickers. */
export const WindowListSchema = v.object({
  sites: v.array(SiteRefSchema),
  windows: v.array(WindowRefSchema),
});
export type WindowList = v.InferOutput<typeof WindowListSchema>;

const Num = v.nullable(v.number());
export const FleetStateSchema = v.picklist(['stale', 'ok', 'closed', 'revoked']);
export type FleetState = v.InferOutput<typeof FleetStateSchema>;

/** One kiosk in the fleet view, with its latest heartbeat's figures. */
export const FleetRowSchema = v.object({
  id: v.string(),
  siteId: v.string(),
  windowId: v.string(),
  windowNumber: v.string(),
  /** The name given at pairing (default: window number and name). */
  name: v.optional(v.nullable(v.string())),
  /** Device model and browser, from the heartbeat. */
  model: v.optional(v.nullable(v.string())),
  browser: v.optional(v.nullable(v.string())),
  state: FleetStateSchema,
  createdAt: v.number(),
  revokedAt: Num,
  lastSeenAt: Num,
  appVersion: v.nullable(v.string()),
  pending: Num,
  deadLetters: Num,
  lastSyncAt: v.nullable(v.string()),
  storageUsage: Num,
  storageQuota: Num,
  clockOffsetMs: Num,
  /** Sequence numbers neither received nor still on the device. */
  seqUnexplained: Num,
  /** False: the kiosk's page is not HTTPS (no offline mode); null: not reported. */
  secureContext: v.optional(v.nullable(v.boolean()), null),
  /** The kiosk's last failed save, as it reported it (a full disk); null: none. */
  lastSaveError: v.optional(v.nullable(v.string()), null),
  /** Why its newest dead letters were refused: code and field when the kiosk kept them, the endpoint's words, how many. */
  refusals: v.optional(v.array(v.object({ code: v.nullable(v.string()), field: v.nullable(v.string()), reason: v.string(), n: v.number() })), []),
});
export type FleetRow = v.InferOutput<typeof FleetRowSchema>;
export const FleetSchema = v.object({ now: v.number(), kiosks: v.array(FleetRowSchema) });

const WindowId = v.pipe(v.string(), v.minLength(1, 'is required'), v.maxLength(64), NO_NUL);
/** POST /api/v1/admin/kiosks/pairing-codes; `name` labels the tablet in the fleet view. */
export const PairingRequestSchema = v.object({
  windowId: WindowId,
  name: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(64), NO_NUL)),
});
export const PairingSchema = v.object({
  code: v.string(), windowId: v.string(), siteId: v.string(), expiresAt: v.number(), url: v.string(), qrSvg: v.string(),
});
export type Pairing = v.InferOutput<typeof PairingSchema>;
/** POST /api/v1/admin/kiosks/<id>/move */
export const MoveKioskSchema = v.object({ windowId: WindowId });

const Password = v.pipe(v.string(), v.minLength(10, 'must be at least 10 characters'), v.maxLength(256), NO_NUL);
const Sites = v.array(v.pipe(v.string(), v.maxLength(64), NO_NUL));
const StaffId = v.optional(v.nullable(v.pipe(v.string(), v.maxLength(64), NO_NUL)));

export const NewUserSchema = v.object({
  username: v.pipe(v.string(), v.regex(/^[A-Za-z0-9._-]{2,64}$/, 'must be 2–64 letters, digits, dot, dash or underscore')),
  password: Password,
  role: RoleSchema,
  sites: v.optional(Sites, []),
  staffId: StaffId,
});
export type NewUser = v.InferInput<typeof NewUserSchema>;

export const PatchUserSchema = v.object({
  role: v.optional(RoleSchema),
  sites: v.optional(Sites),
  staffId: StaffId,
  password: v.optional(Password),
  disabled: v.optional(v.boolean()),
});
export type PatchUser = v.InferInput<typeof PatchUserSchema>;

export const UserRowSchema = v.object({
  id: v.number(), username: v.string(), role: RoleSchema, sites: v.array(v.string()), staffId: v.nullable(v.string()),
  disabled: v.boolean(), createdAt: v.number(),
});
export type UserRow = v.InferOutput<typeof UserRowSchema>;
export const UserListSchema = v.object({ users: v.array(UserRowSchema) });
export const UserAnswerSchema = v.object({ user: v.object({ id: v.number(), username: v.string(), role: RoleSchema }) });

export const AuditEntrySchema = v.object({
  id: v.number(), at: v.number(), actor: v.string(), action: v.string(), detail: v.record(v.string(), v.unknown()), address: v.nullable(v.string()),
});
export type AuditEntry = v.InferOutput<typeof AuditEntrySchema>;
export const AuditPageSchema = v.object({ entries: v.array(AuditEntrySchema), more: v.boolean() });

export const PurgeResultSchema = v.object({
  sites: v.array(v.object({ siteId: v.string(), before: v.string(), phones: v.number(), contacts: v.number(), texts: v.number() })),
});

/** GET /api/v1/qr/posters: one printable poster per window. */
export const PosterSchema = v.object({
  windowId: v.string(), number: v.string(), name: BiName, site: BiName, url: v.string(), expiresAt: v.string(), svg: v.string(),
});
export type Poster = v.InferOutput<typeof PosterSchema>;
export const PosterListSchema = v.object({ posters: v.array(PosterSchema) });

/** One key of a queue or receipt system, as GET /api/v1/admin/integration-keys lists it (never the key itself). */
export const IntegrationKeySchema = v.object({
  id: v.number(), siteId: v.string(), label: v.string(), createdBy: v.string(), createdAt: v.number(), revokedAt: v.nullable(v.number()),
});
export type IntegrationKeyInfo = v.InferOutput<typeof IntegrationKeySchema>;
export const IntegrationKeyListSchema = v.object({ keys: v.array(IntegrationKeySchema) });
export type IntegrationKeyList = v.InferOutput<typeof IntegrationKeyListSchema>;
/** POST /api/v1/admin/integration-keys/<id>/revoke */
export const IntegrationKeyRevokedSchema = v.object({ id: v.number(), revoked: v.literal(true) });
export type IntegrationKeyRevoked = v.InferOutput<typeof IntegrationKeyRevokedSchema>;
