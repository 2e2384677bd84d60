/**
 * The one request validator: a route names the shared schema of its body or query (src/shared/api, src/shared/wire)
 * and reads the checked value with `c.req.valid('json' | 'query')`. Every refusal has the one error body
 * `{ error: 'invalid', field, message }` (400), so the browser can name the field in its own language.
 */
import type { MiddlewareHandler } from 'hono';
import * as v from 'valibot';
import type { AppEnv } from './context';
import { fail, readJson } from './errors';
import { firstIssue } from '../../shared/wire';

/** The value a schema accepts, or the 400 that names the first field at fault. */
export function check<S extends v.GenericSchema>(schema: S, value: unknown): v.InferOutput<S> {
  const r = v.safeParse(schema, value);
  if (r.success) return r.output;
  const { field, message } = firstIssue(r.issues);
  throw fail(400, 'invalid', `${field || 'body'}: ${message}`, field || undefined);
}

type Checked<T extends 'json' | 'query', S extends v.GenericSchema> = { in: { [K in T]: v.InferInput<S> }; out: { [K in T]: v.InferOutput<S> } };

/** Middleware: the JSON body must match `schema` (malformed JSON is a 400 `malformed_json`). */
export function jsonBody<S extends v.GenericSchema>(schema: S): MiddlewareHandler<AppEnv, string, Checked<'json', S>> {
  return async (c, next) => {
    c.req.addValidatedData('json', check(schema, await readJson(c.req.raw)) as object);
    await next();
  };
}

/** Middleware: the query string (one value a key) must match `schema`. */
export function query<S extends v.GenericSchema>(schema: S): MiddlewareHandler<AppEnv, string, Checked<'query', S>> {
  return async (c, next) => {
    c.req.addValidatedData('query', check(schema, c.req.query()) as object);
    await next();
  };
}
