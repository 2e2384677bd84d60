import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** A client error with a code and, where one field is at fault, its name. */
export function fail(status: ContentfulStatusCode, code: string, message: string, field?: string): HTTPException {
  const body = JSON.stringify(field ? { error: code, message, field } : { error: code, message });
  return new HTTPException(status, { res: new Response(body, { status, headers: { 'content-type': 'application/json; charset=utf-8' } }) });
}

/** Parses a JSON body; malformed JSON is a 400 that says so. */
export async function readJson(req: Request): Promise<unknown> {
  const text = await req.text();
  try {
    return JSON.parse(text);
  } catch (e) {
    throw fail(400, 'malformed_json', `request body is not valid JSON: ${(e as Error).message}`);
  }
}
