/** Schemas of sign-in (/api/v1/auth/*). */
import * as v from 'valibot';
import { NO_NUL } from '../wire-text';

export const RoleSchema = v.picklist(['admin', 'supervisor', 'staff']);
export type Role = v.InferOutput<typeof RoleSchema>;

export const LoginRequestSchema = v.object({
  username: v.pipe(v.string(), v.minLength(1, 'is required'), v.maxLength(64), NO_NUL),
  password: v.pipe(v.string(), v.minLength(1, 'is required'), v.maxLength(256), NO_NUL),
});

export const SessionUserSchema = v.object({
  id: v.optional(v.number()),
  username: v.string(),
  role: RoleSchema,
  sites: v.array(v.string()),
  staffId: v.optional(v.nullable(v.string())),
});

/** The signed-in user and the CSRF token every write must carry. */
export const MeSchema = v.object({ user: SessionUserSchema, csrf: v.string() });
export type Me = v.InferOutput<typeof MeSchema>;
