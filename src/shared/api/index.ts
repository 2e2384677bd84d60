/**
 * The API contract: one valibot schema for every request and answer of /api/v1 that staff screens use.
 * The endpoint validates requests with them; the browser client (src/app/common/api.ts) checks every answer
 * against them, so the two sides cannot drift. Sync, enrolment and heartbeat shapes live in ../wire.ts.
 */
export * from './common';
export * from './auth';
export * from './stats';
export * from './display';
export * from './admin';
export * from './cases';
export * from './insights';
export * from './query';
