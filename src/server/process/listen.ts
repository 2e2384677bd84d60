/** Starts the HTTP or HTTPS listener (TLS_CERT + TLS_KEY) and counts requests in flight for a graceful stop. */
import { serve, type ServerType } from '@hono/node-server';
import { createServer as createHttpsServer } from 'node:https';
import { createSecureContext } from 'node:tls';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TlsFiles { cert: string; key: string; ca: string | undefined }

/**
 * TLS_CA, the hall CA the setup page offers tablets, checked: read with or without TLS_CERT and TLS_KEY, since behind a
 * proxy that serves HTTPS with a certificate of this CA the endpoint itself has none.
 */
export function hallCaFromEnv(env: NodeJS.ProcessEnv): string | undefined {
  const ca = env.TLS_CA?.trim();
  if (!ca) return undefined;
  if (!existsSync(ca)) throw new Error(`TLS_CA: no file at ${ca}`);
  return resolve(ca);
}

/** Reads TLS_CERT / TLS_KEY / TLS_CA; both or neither of the first two, else an error naming the missing one. */
export function tlsFromEnv(env: NodeJS.ProcessEnv): TlsFiles | null {
  const cert = env.TLS_CERT?.trim();
  const key = env.TLS_KEY?.trim();
  if (!cert && !key) return null;
  if (!cert) throw new Error('TLS_KEY is set but TLS_CERT is not: give both or neither');
  if (!key) throw new Error('TLS_CERT is set but TLS_KEY is not: give both or neither');
  for (const [name, file] of [['TLS_CERT', cert], ['TLS_KEY', key]] as const) if (!existsSync(file)) throw new Error(`${name}: no file at ${file}`);
  try {
    createSecureContext({ cert: readFileSync(cert), key: readFileSync(key) });
  } catch (e) {
    throw new Error(`TLS_CERT and TLS_KEY do not make a certificate and its key (${(e as Error).message}): are they swapped, or of different certificates?`);
  }
  // `npm run tls` writes the CA beside the server certificate; the setup page offers it.
  const beside = join(dirname(resolve(cert)), 'hall-ca.crt');
  const ca = hallCaFromEnv(env) ?? (existsSync(beside) ? beside : undefined);
  return { cert: resolve(cert), key: resolve(key), ca };
}

/** Requests being answered right now (a streamed export counts until its last byte). */
export interface RequestTracker {
  inflight(): number;
  /** Resolves once nothing is in flight. */
  idle(): Promise<void>;
  /** From now on answers carry `connection: close` and idle connections are closed as they free up. */
  drain(): void;
}

function track(server: Server): RequestTracker {
  let count = 0;
  let draining = false;
  let waiters: Array<() => void> = [];
  server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
    count++;
    if (draining && !res.headersSent) res.setHeader('connection', 'close');
    res.once('close', () => {
      count--;
      if (draining) server.closeIdleConnections();
      if (count === 0) { for (const w of waiters) w(); waiters = []; }
    });
  });
  return {
    inflight: () => count,
    idle: () => (count === 0 ? Promise.resolve() : new Promise<void>((ok) => waiters.push(ok))),
    drain: () => { draining = true; },
  };
}

export interface Listening { server: ServerType; tracker: RequestTracker; url: Promise<string> }

/** Listens on host:port, over HTTPS when `tls` is given. */
export function listen(fetch: (req: Request, env: unknown) => Response | Promise<Response>, opts: { port: number; host: string; tls: TlsFiles | null }): Listening {
  let ready!: (url: string) => void;
  const url = new Promise<string>((ok) => { ready = ok; });
  const onListen = (info: AddressInfo) => {
    const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
    ready(`${opts.tls ? 'https' : 'http'}://${host}:${info.port}`);
  };
  const server = opts.tls
    ? serve({ fetch, port: opts.port, hostname: opts.host, createServer: createHttpsServer, serverOptions: { cert: readFileSync(opts.tls.cert), key: readFileSync(opts.tls.key) } }, onListen)
    : serve({ fetch, port: opts.port, hostname: opts.host }, onListen);
  return { server, tracker: track(server as Server), url };
}
