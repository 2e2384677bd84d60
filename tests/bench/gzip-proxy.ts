/** A reverse proxy that gzips text answers for clients that accept it: what a compressing endpoint would send. */
import { createServer, request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { freePort } from '../browser/harness';

export async function startGzipProxy(target: string): Promise<{ url: string; stop(): Promise<void> }> {
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    const up = request({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: { ...req.headers, host: upstream.host, 'accept-encoding': 'identity' } }, (upRes) => {
      const chunks: Buffer[] = [];
      upRes.on('data', (c: Buffer) => chunks.push(c));
      upRes.on('end', () => {
        const body = Buffer.concat(chunks);
        const type = String(upRes.headers['content-type'] ?? '');
        const headers = { ...upRes.headers };
        const gzip = /gzip/.test(String(req.headers['accept-encoding'] ?? '')) && /text|javascript|json|svg|css/.test(type) && body.length > 0;
        delete headers['content-length'];
        if (gzip) headers['content-encoding'] = 'gzip';
        const out = gzip ? gzipSync(body, { level: 9 }) : body;
        res.writeHead(upRes.statusCode ?? 502, { ...headers, 'content-length': String(out.length) });
        res.end(out);
      });
    });
    up.on('error', () => { res.writeHead(502); res.end(); });
    req.pipe(up);
  });
  const port = await freePort();
  await new Promise<void>((ok) => server.listen(port, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${port}`, stop: () => new Promise<void>((ok) => { server.closeAllConnections(); server.close(() => ok()); }) };
}
