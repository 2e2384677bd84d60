import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** A client error with a code and, where one field is at fault, its name. */
export function fail(status: ContentfulStatusCode, code: string, message: string, field?: string): HTTPException {
  const body = JSON.stringify(field ? { error: code, message, field } : { error: code, message });
  return new HTTPException(status, { res: new Response(body, { status, headers: { 'content-type': 'application/json; charset=utf-8' } }) });
}

/** Parses a JSON body, which in this API is always an object; malformed JSON, or any other JSON value, is a 400 that says so. */
export async function readJson(req: Request): Promise<unknown> {
  const text = await req.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (e) {
    throw fail(400, 'malformed_json', `request body is not valid JSON: ${(e as Error).message}`);
  }
  // valibot's object schemas take an array for an object with no fields: a body of optional fields took `[]` as `{}`.
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw fail(400, 'invalid', 'request body must be a JSON object');
  return body;
}
