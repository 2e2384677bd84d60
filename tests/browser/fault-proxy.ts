/**
 * A fault-injecting HTTP proxy on 127.0.0.1 between Chromium and the real endpoint. Everything passes
 * through untouched except POST /api/v1/sync while a fault is armed, and /sw.js while a new build is posed.
 */
import { createServer, request, type IncomingMessage, type ServerResponse, type IncomingHttpHeaders } from 'node:http';
import type { Socket } from 'node:net';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

export type Fault =
  | 'none'
  /** Answer 500 without forwarding. */
  | 'error500'
  /** Never answer (the client must time out). */
  | 'hang'
  /** Forward, let the endpoint commit, then cut the connection before the client reads the answer. */
  | 'cut_after_commit'
  /** Deliver the same batch to the endpoint twice; the client gets the second answer. */
  | 'duplicate'
  /** Forward, then answer 200 with something that is not JSON. */
  | 'malformed'
  /** Forward, then answer 200 with the first half of the real JSON. */
  | 'truncated'
  /** Forward, then hold the real answer for `delayMs`. */
  | 'slow';

export interface FaultProxy {
  url: string;
  port: number;
  /** Arms a fault for the next `times` sync requests (Infinity: until disarmed). */
  arm(fault: Fault, times?: number, delayMs?: number): void;
  /** Sync requests seen so far, and how many of them met a fault. */
  stats(): { syncRequests: number; faulted: number };
  /** Called when a sync request arrives, before it is handled (e.g. to kill the endpoint mid-batch). */
  onSync: ((n: number) => void | Promise<void>) | null;
  /** While set, a window's configuration (GET /api/v1/config/…) reaches the browser changed by this function. */
  rewriteConfig: ((config: Record<string, unknown>) => unknown) | null;
  /** From now on /sw.js is served with a marker appended, so the browser sees a new service worker. */
  poseNewBuild(marker: string): void;
  close(): Promise<void>;
}

interface Upstream { status: number; headers: IncomingHttpHeaders; body: Buffer }

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => ok(Buffer.concat(chunks)));
    req.on('error', fail);
  });
}

function forward(targetPort: number, req: IncomingMessage, body: Buffer): Promise<Upstream> {
  return new Promise((ok, fail) => {
    const up = request({ host: '127.0.0.1', port: targetPort, method: req.method, path: req.url, headers: { ...req.headers, host: `127.0.0.1:${targetPort}`, 'content-length': String(body.length) } }, (res) => {
      readBody(res).then((b) => ok({ status: res.statusCode ?? 502, headers: res.headers, body: b }), fail);
    });
    up.on('error', fail);
    up.end(body);
  });
}

/** An upstream body as bytes, undoing any content encoding. */
function decoded(u: Upstream): Buffer {
  const enc = u.headers['content-encoding'];
  if (enc === 'gzip') return gunzipSync(u.body);
  if (enc === 'br') return brotliDecompressSync(u.body);
  if (enc === 'deflate') return inflateSync(u.body);
  return u.body;
}

function reply(res: ServerResponse, u: Upstream, body: Buffer = u.body): void {
  const headers = { ...u.headers, 'content-length': String(body.length) };
  delete headers['transfer-encoding'];
  res.writeHead(u.status, headers);
  res.end(body);
}

/** Starts the proxy in front of the endpoint on `targetPort`. */
export async function startFaultProxy(targetPort: number, port = 0): Promise<FaultProxy> {
  let fault: Fault = 'none';
  let remaining = 0;
  let delayMs = 0;
  let syncRequests = 0;
  let faulted = 0;
  let marker: string | null = null;
  const sockets = new Set<Socket>();

  const proxy: FaultProxy = {
    url: '', port: 0, onSync: null, rewriteConfig: null,
    arm(f, times = Infinity, delay = 0) { fault = f; remaining = times; delayMs = delay; },
    stats: () => ({ syncRequests, faulted }),
    poseNewBuild(m) { marker = m; },
    close: () => new Promise<void>((ok) => { for (const s of sockets) s.destroy(); server.close(() => ok()); }),
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readBody(req);
    const isSync = req.method === 'POST' && (req.url ?? '').startsWith('/api/v1/sync');
    if (!isSync) {
      const u = await forward(targetPort, req, body);
      if (proxy.rewriteConfig && (req.url ?? '').startsWith('/api/v1/config/') && u.status === 200) {
        const changed = Buffer.from(JSON.stringify(proxy.rewriteConfig(JSON.parse(decoded(u).toString('utf8')) as Record<string, unknown>)));
        const headers = { ...u.headers };
        delete headers.etag;
        delete headers['content-encoding'];
        reply(res, { ...u, headers }, changed);
        return;
      }
      if (marker !== null && (req.url ?? '').startsWith('/sw.js') && u.status === 200) {
        reply(res, u, Buffer.concat([u.body, Buffer.from(`\n// build ${marker}\n`)]));
        return;
      }
      reply(res, u);
      return;
    }
    syncRequests++;
    if (process.env.PROXY_DEBUG) console.log(`[proxy] sync #${syncRequests} at ${Date.now() % 100000} fault=${remaining > 0 ? fault : "none"}`);
    if (proxy.onSync) await proxy.onSync(syncRequests);
    const active: Fault = remaining > 0 ? fault : 'none';
    if (active !== 'none') {
      remaining--;
      faulted++;
    }
    switch (active) {
      case 'error500':
        res.writeHead(500, { 'content-type': 'text/plain' }).end('Internal Server Error');
        return;
      case 'hang':
        return; // the socket stays open until the client gives up
      case 'cut_after_commit':
        await forward(targetPort, req, body);
        req.socket.destroy();
        return;
      case 'duplicate': {
        await forward(targetPort, req, body);
        reply(res, await forward(targetPort, req, body));
        return;
      }
      case 'malformed': {
        const u = await forward(targetPort, req, body);
        reply(res, { ...u, headers: { 'content-type': 'text/html' } }, Buffer.from('<html><body>502 Bad Gateway</body></html>'));
        return;
      }
      case 'truncated': {
        const u = await forward(targetPort, req, body);
        reply(res, u, u.body.subarray(0, Math.floor(u.body.length / 2)));
        return;
      }
      case 'slow': {
        const u = await forward(targetPort, req, body);
        await new Promise((r) => setTimeout(r, delayMs));
        if (!res.destroyed) reply(res, u);
        return;
      }
      case 'none':
        reply(res, await forward(targetPort, req, body));
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      // The endpoint was unreachable (e.g. restarting): the browser sees a gateway error, as behind a real proxy.
      if (!res.headersSent && !res.destroyed) res.writeHead(502, { 'content-type': 'text/plain' }).end(`bad gateway: ${String((e as Error)?.message ?? e)}`);
    });
  });
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise<void>((ok) => server.listen(port, '127.0.0.1', () => ok()));
  const addr = server.address();
  proxy.port = typeof addr === 'object' && addr ? addr.port : 0;
  proxy.url = `http://127.0.0.1:${proxy.port}`;
  return proxy;
}
