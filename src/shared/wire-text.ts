/** The check every free-text field of a request shares, apart from wire.ts so the staff API schemas need not load it. */
import * as v from 'valibot';

/** Text a person or device sends: never a NUL character (PostgreSQL text cannot hold one, and no keyboard types it). */
export const NO_NUL = v.check<string, string>((s) => !s.includes('\u0000'), 'must not contain a NUL character');
