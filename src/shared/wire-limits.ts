/** Size limits of the wire shapes, apart from their schemas so screens can show them without loading valibot. */
export const MAX_BATCH = 200;
export const MAX_BODY_BYTES = 1_000_000;
export const COMMENT_MAX = 500;
export const SUGGESTION_MAX = 500;
/** Highest per-device sequence number: a kiosk numbers one record at a time, and gaps then fit a 32-bit count on both engines. */
export const SEQ_MAX = 2 ** 31 - 1;
