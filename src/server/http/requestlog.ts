/**
 * One JSON line per request (method, route pattern, status, ms, kiosk or user id) — never the query
 * string, body, address or any personal data. LOG_LEVEL: debug | info | warn | error | silent.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { AppEnv } from './context';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export interface Logger {
  level: LogLevel;
  log(level: Exclude<LogLevel, 'silent'>, msg: string, fields?: Record<string, unknown>): void;
}

/** Parses LOG_LEVEL (default info); an unknown value throws with the accepted ones. */
export function parseLogLevel(value: string | undefined): LogLevel {
  const v = (value ?? 'info').trim().toLowerCase();
  if (v in ORDER) return v as LogLevel;
  throw new Error(`LOG_LEVEL: "${value}" is not one of ${Object.keys(ORDER).join(', ')}`);
}

/** A logger writing JSON lines to `write` (stdout by default) at or above `level`. */
export function jsonLogger(level: LogLevel, write: (line: string) => void = (l) => process.stdout.write(l + '\n'), now: () => number = Date.now): Logger {
  return {
    level,
    log(at, msg, fields = {}) {
      if (ORDER[at] < ORDER[level]) return;
      write(JSON.stringify({ t: new Date(now()).toISOString(), level: at, msg, ...fields }));
    },
  };
}

/** The route pattern that answered (ids and tokens stay out of the log); `static` for files of the PWA. */
function routeOf(c: Context<AppEnv>): string {
  // Middleware is registered as ALL; the first method route matched is the handler that ran.
  const handler = matchedRoutes(c).find((r) => r.method !== 'ALL');
  return handler?.path ?? (c.req.path.startsWith('/api/') ? '/api/*' : 'static');
}

/** Logs each request when its answer is ready: 5xx as error, 4xx as warn (except 401/404: info), the rest info. */
export function requestLog(logger: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const status = c.res.status;
    const level = status >= 500 ? 'error' : status >= 400 && status !== 401 && status !== 404 ? 'warn' : 'info';
    const kiosk = c.get('kiosk');
    const session = c.get('session');
    logger.log(level, 'request', {
      method: c.req.method, route: routeOf(c), status, ms: Math.round((performance.now() - started) * 10) / 10,
      ...(kiosk ? { kiosk: kiosk.id } : {}), ...(session ? { user: session.user.id } : {}),
    });
  };
}
