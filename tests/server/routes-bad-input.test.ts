/**
 * Bad input to every API route, each request sent with the route's right credential: a body that is no JSON object,
 * one malformed field at a time, a malformed record beside a good one, a garbage query parameter, a garbage id in the
 * path. The answer is a 4xx with the API's error body naming the field at fault, never a 5xx; one bad record never
 * sinks its batch. What a field accepts is the route's valibot schema's to say (src/shared): the mutations that are
 * valid input (an optional field left out, a number where any number will do) are listed in routes-inputs.ts and must
 * be taken; every other must be refused.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import * as v from 'valibot';
import { ROUTE_CREDENTIALS } from '../../src/server/auth/credentials';
import { ApiErrorSchema } from '../../src/shared/api';
import { ep, openRouteKit, rightCredential, call, headersFor, urlOf, SUCCESS, type Creds } from './routes-kit';
import { BATCHES, NO_BODY, NO_QUERY, OPTIONAL, QUERY, VALID, VALID_RECORD, type Body, type Mutated, type ValidInput } from './routes-inputs';

beforeAll(openRouteKit);

// ---- what is sent -------------------------------------------------------------------------------------------------

const LONG = 'y'.repeat(100_000);
/** What each field is replaced by in turn; leaving it out is tried too. */
const REPLACEMENTS: ReadonlyArray<readonly [Exclude<Mutated, 'left out'>, unknown]> = [
  ['null', null], ['a number', 42], ['a string', 'x'], ['a 100,000-character string', LONG], ['an object', { a: 1 }],
  ['an array', [1]], ['true', true], ['a string with a NUL', 'a\u0000b'],
];
/** Bodies that are no JSON object at all. */
const NOT_AN_OBJECT: ReadonlyArray<readonly [string, string]> = [
  ['a body that is not JSON', '{"a": ['], ['an empty body', ''], ['a JSON array', '[]'], ['JSON null', 'null'], ['a JSON number', '42'], ['a JSON string', '"x"'],
];

interface Mutation { field: string; kind: Mutated; label: string; apply: (body: Body) => Body }

const isObject = (x: unknown): x is Body => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * Each field of `shape` left out, and replaced by each of REPLACEMENTS (a number also by itself as a string); in an
 * array of objects, the first element's fields likewise, named by their path (`deadLetterReasons.0.reason`).
 */
function mutationsOf(shape: Body): Mutation[] {
  const out: Mutation[] = [];
  for (const [field, was] of Object.entries(shape)) {
    out.push({ field, kind: 'left out', label: 'left out', apply: (b) => Object.fromEntries(Object.entries(b).filter(([k]) => k !== field)) });
    const replacements = typeof was === 'number' ? [...REPLACEMENTS, ['the number as a string', String(was)] as const] : REPLACEMENTS;
    for (const [kind, x] of replacements) out.push({ field, kind, label: `as ${kind}`, apply: (b) => ({ ...b, [field]: x }) });
    if (Array.isArray(was) && isObject(was[0])) {
      for (const m of mutationsOf(was[0])) {
        out.push({ field: `${field}.0.${m.field}`, kind: m.kind, label: m.label, apply: (b) => ({ ...b, [field]: [m.apply((b[field] as Body[])[0]!), ...(b[field] as Body[]).slice(1)] }) });
      }
    }
  }
  return out;
}

/**
 * Garbage for a query parameter; the parameter given twice is tried too. Empty text may mean "no filter". A real day
 * outside 2000–2099, where a query's days must lie (src/shared/api/query.ts), is garbage as a day.
 */
const GARBAGE_QUERY = ['x', '-1', '99999999999999999999', '2026-13-45', '0001-01-01', '0000-01', '', 'q'.repeat(10_000)];
/** Garbage for an id, number or code in the path (a NUL is sent as %00, `../../etc` as one encoded segment). */
const GARBAGE_IDS = ['\u0000', 'z'.repeat(5_000), '../../etc', '-1'];

// ---- how an answer is judged --------------------------------------------------------------------------------------

const keysOf = (kind: (method: string) => boolean) => Object.keys(ROUTE_CREDENTIALS).filter((k) => kind(k.split(' ')[0]!)).sort();
const WRITES = keysOf((m) => m !== 'GET');
const JSON_ROUTES = WRITES.filter((k) => ROUTE_CREDENTIALS[k]!.kind !== 'session_form' && !NO_BODY.has(k));
const FORMS = WRITES.filter((k) => ROUTE_CREDENTIALS[k]!.kind === 'session_form');

/** The field an answer names is one of those at fault, or a part of it (`sites.0` for `sites`). */
const names = (got: string | undefined, ...fields: string[]) => fields.some((f) => got === f || (got?.startsWith(`${f}.`) ?? false));
const short = (s: string) => (s.length > 160 ? `${s.slice(0, 160)}…` : s);

/**
 * Notes what is wrong with an answer: a 5xx; a 2xx or 3xx to input that must be refused; a 4xx without the API's
 * error body; a 400 or 422 that does not name the one field at fault.
 */
async function judge(what: string, res: Response, fault: { field?: string | string[]; refuse: boolean }, failures: string[]): Promise<void> {
  const text = await res.text();
  if (res.status >= 500) {
    failures.push(`${what}: ${res.status} ${short(text)}`);
    return;
  }
  if (res.status < 400) {
    if (fault.refuse) failures.push(`${what}: ${res.status}, accepted`);
    return;
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  const error = v.safeParse(ApiErrorSchema, body);
  if (!error.success) {
    failures.push(`${what}: ${res.status} without the error body: ${short(text)}`);
    return;
  }
  const { field } = error.output;
  if (fault.field !== undefined && (res.status === 400 || res.status === 422) && !names(field, ...[fault.field].flat())) {
    failures.push(`${what}: ${res.status} names ${field === undefined ? 'no field' : `"${short(field)}"`}: ${short(error.output.message)}`);
  }
}

/**
 * Whether a mutation is valid input by `valid` (and an OPTIONAL field left out); each one found is noted in `used`, so
 * that an entry no mutation reaches any longer is seen.
 */
function isValid(m: Mutation, valid: ValidInput | undefined, optional: Body | undefined, used: Set<string>, at: string): boolean {
  if (m.kind === 'left out' && optional !== undefined && m.field in optional) return true;
  if (!valid?.[m.field]?.includes(m.kind)) return false;
  used.add(`${at} ${m.field} ${m.kind}`);
  return true;
}
/** Every entry of an allowlist, as isValid notes it. */
const entriesOf = (at: string, valid: ValidInput | undefined) => Object.entries(valid ?? {}).flatMap(([field, kinds]) => kinds.map((k) => `${at} ${field} ${k}`));
/** Every valid-input entry listed (per route or record type) was sent by some mutation: none is left stale. */
function expectEveryEntrySent(lists: Readonly<Record<string, ValidInput | undefined>>, used: ReadonlySet<string>, what: string): void {
  const listed = Object.entries(lists).flatMap(([at, valid]) => entriesOf(at, valid));
  expect(listed.filter((e) => !used.has(e)), what).toEqual([]);
}

/** A raw body (JSON or not) sent to a route with a credential. */
async function send(key: string, creds: Creds, body: string, params?: Record<string, string>): Promise<Response> {
  const [method, path] = key.split(' ') as [string, string];
  return ep.app.request(`http://hall.local${urlOf(path, params)}`, { method, headers: headersFor(method, creds), body });
}

/** A route's right credential, and the path parameters of a real object made for it. */
async function prepared(key: string): Promise<{ creds: Creds; params: Record<string, string> | undefined }> {
  return { creds: await rightCredential(key), params: await SUCCESS[key]?.params?.() };
}

/** A route's success body with its optional fields; a fresh one each call (unique names, codes, records). */
async function baseBody(key: string): Promise<Body> {
  const body = await SUCCESS[key]!.body!();
  return { ...(body as Body), ...OPTIONAL[key] };
}

// ---- the tests ----------------------------------------------------------------------------------------------------

describe('bad input to every API route', () => {
  it('every route is tried here: each write sends a JSON body, a form or nothing; each GET lists its query parameters or reads none', () => {
    expect(JSON_ROUTES.filter((k) => !SUCCESS[k]?.body), 'JSON routes without a success body in routes-kit.ts').toEqual([]);
    expect(Object.keys(OPTIONAL).filter((k) => !JSON_ROUTES.includes(k)), 'optional fields for routes that take no JSON body').toEqual([]);
    const gets = keysOf((m) => m === 'GET');
    expect(gets.filter((k) => !(k in QUERY) && !NO_QUERY.has(k)), 'GET routes whose query parameters are not listed in routes-inputs.ts').toEqual([]);
    expect([...Object.keys(QUERY), ...NO_QUERY].filter((k) => !gets.includes(k)), 'listed GET routes that do not exist').toEqual([]);
  });

  it('the success body of every JSON route, with its optional fields, gets the documented status', async () => {
    const failures: string[] = [];
    for (const key of JSON_ROUTES) {
      const { creds, params } = await prepared(key);
      const res = await call(ep, key, creds, await baseBody(key), params);
      const expected = SUCCESS[key]!.status ?? 200;
      if (res.status !== expected) failures.push(`${key}: ${res.status} ${short(await res.text())}`);
      else await res.body?.cancel();
    }
    expect(failures).toEqual([]);
  });

  it('every JSON route refuses a body that is no JSON object with a 4xx and the error body', async () => {
    const failures: string[] = [];
    for (const key of JSON_ROUTES) {
      const { creds, params } = await prepared(key);
      for (const [label, body] of NOT_AN_OBJECT) await judge(`${key} with ${label}`, await send(key, creds, body, params), { refuse: true }, failures);
    }
    expect(failures).toEqual([]);
  });

  it('every JSON route refuses a malformed field with a 4xx naming the field, takes what its schema allows, and never answers 5xx', async () => {
    const failures: string[] = [];
    const used = new Set<string>();
    for (const key of JSON_ROUTES) {
      const { creds, params } = await prepared(key);
      // A batch's records are judged one by one (next test); here only the envelope's own fields.
      const all = mutationsOf(await baseBody(key)).filter((m) => !(key in BATCHES && m.field.startsWith('records.')));
      for (const m of all) {
        const what = `${key}: ${m.field} ${m.label}`;
        const res = await call(ep, key, creds, m.apply(await baseBody(key)), params);
        if (!isValid(m, VALID[key], OPTIONAL[key], used, key)) {
          await judge(what, res, { field: m.field, refuse: true }, failures);
          continue;
        }
        const expected = SUCCESS[key]!.status ?? 200;
        if (res.status !== expected) failures.push(`${what}: valid input by routes-inputs.ts, answered ${res.status} ${short(await res.text())}`);
        else await res.body?.cancel();
      }
    }
    expect(failures).toEqual([]);
    expectEveryEntrySent(VALID, used, 'valid input in routes-inputs.ts that no mutation sends');
  }, 120_000);

  it('one bad record never sinks its batch: each malformed field of a record is rejected by name, a valid one stored, and the good record beside it is stored', async () => {
    const failures: string[] = [];
    const used = new Set<string>();
    for (const [key, batch] of Object.entries(BATCHES)) {
      const creds = await rightCredential(key);
      const envelope = await baseBody(key);
      for (const record of await batch.records()) {
        const type = String(record().type);
        for (const m of mutationsOf(record())) {
          const what = `${key}: a ${type}'s ${m.field} ${m.label}`;
          const valid = isValid(m, VALID_RECORD[type], undefined, used, type);
          const res = await call(ep, key, creds, { ...envelope, records: [record(), m.apply(record())] });
          if (res.status !== 200) {
            failures.push(`${what}: ${res.status} ${short(await res.text())}`);
            continue;
          }
          const [good, bad] = ((await res.json()) as { results: Array<{ status: string; field?: string; reason?: string }> }).results;
          if (good?.status !== 'stored') failures.push(`${what}: the good record beside it was ${good?.status ?? 'not answered'}`);
          if (valid) {
            if (bad?.status !== 'stored') failures.push(`${what}: valid input by routes-inputs.ts, ${bad?.status ?? 'not answered'} ${short(bad?.reason ?? '')}`);
          } else if (bad?.status !== 'rejected') failures.push(`${what}: ${bad?.status ?? 'not answered'}, not rejected`);
          else if (!names(bad.field, m.field)) failures.push(`${what}: rejected naming ${bad.field ?? 'no field'}: ${short(bad.reason ?? '')}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expectEveryEntrySent(VALID_RECORD, used, 'valid record input in routes-inputs.ts that no mutation sends');
  }, 120_000);

  it('every personal-data download refuses a missing or malformed reason with a 400 naming it', async () => {
    const failures: string[] = [];
    const reasons: ReadonlyArray<readonly [string, Record<string, string>]> = [
      ['left out', {}], ['empty', { reason: '' }], ['too short', { reason: 'x' }], ['of 100,000 characters', { reason: LONG }], ['with a NUL', { reason: '核对\u0000号码' }],
    ];
    for (const key of FORMS) {
      const creds = await rightCredential(key);
      for (const [label, body] of reasons) await judge(`${key}: reason ${label}`, await call(ep, key, creds, body), { field: 'reason', refuse: true }, failures);
    }
    expect(failures).toEqual([]);
  });

  it('every GET route answers a garbage query parameter with a 4xx naming it, never a 5xx', async () => {
    const failures: string[] = [];
    for (const [key, params] of Object.entries(QUERY)) {
      const creds = await rightCredential(key);
      const path = key.slice(4);
      for (const [name, kind] of Object.entries(params)) {
        const tries = [...GARBAGE_QUERY.map((g) => [g, `${name}=${encodeURIComponent(g)}`] as const), ['given twice', `${name}=x&${name}=-1`] as const];
        for (const [garbage, query] of tries) {
          // Garbage in a day, month, switch, number, choice, zone or token is refused; empty may mean "not given".
          const refuse = kind !== 'text' && garbage !== '';
          const res = await ep.app.request(`http://hall.local${path}?${query}`, { headers: headersFor('GET', creds) });
          await judge(`${key} ?${name}=${short(garbage)}`, res, { field: name, refuse }, failures);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('a garbage id, number or code in the path is a 4xx on every route, never a 5xx', async () => {
    const failures: string[] = [];
    for (const key of Object.keys(ROUTE_CREDENTIALS).filter((k) => k.includes('/:')).sort()) {
      const { creds, params: real = {} } = await prepared(key);
      for (const name of key.match(/:\w+/g)!.map((p) => p.slice(1))) {
        for (const garbage of GARBAGE_IDS) {
          const res = await call(ep, key, creds, await SUCCESS[key]?.body?.(), { ...real, [name]: garbage });
          // A PUT names what it makes: an id its rule accepts (`-1` for an alert channel) makes one. A control
          // character anywhere in a path is refused before any route, naming `path`.
          await judge(`${key} with :${name} = ${short(JSON.stringify(garbage))}`, res, { field: [name, 'path'], refuse: !key.startsWith('PUT ') }, failures);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
