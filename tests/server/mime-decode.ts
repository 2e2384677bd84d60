/** A small MIME reader for tests: RFC 2047 header words, multipart bodies, base64 and quoted-printable. */

function qp(s: string): Buffer {
  const bytes: number[] = [];
  const t = s.replace(/=\r?\n/g, '');
  for (let i = 0; i < t.length; i++) {
    if (t[i] === '=' && /^[0-9A-F]{2}$/i.test(t.slice(i + 1, i + 3))) { bytes.push(parseInt(t.slice(i + 1, i + 3), 16)); i += 2; }
    else bytes.push(t.charCodeAt(i));
  }
  return Buffer.from(bytes);
}

/** Decodes encoded words (=?UTF-8?B?…?= / =?UTF-8?Q?…?=) in an unfolded header value. */
export function decodeWords(v: string): string {
  return v
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_m, enc: string, text: string) =>
      enc.toLowerCase() === 'b' ? Buffer.from(text, 'base64').toString('utf8') : qp(text.replace(/_/g, ' ')).toString('utf8'));
}

function split(raw: string): { headers: Map<string, string>; body: string } {
  const at = raw.search(/\r?\n\r?\n/);
  const head = raw.slice(0, at).replace(/\r?\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of head.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers.set(line.slice(0, i).toLowerCase(), line.slice(i + 1).trim());
  }
  return { headers, body: raw.slice(at).replace(/^\r?\n\r?\n/, '') };
}

/** Headers decoded, and every text part keyed by its content type (text/plain, text/html). */
export function readMail(raw: string): { header: (name: string) => string; parts: Map<string, string> } {
  const top = split(raw);
  const parts = new Map<string, string>();
  const walk = (p: { headers: Map<string, string>; body: string }) => {
    const type = p.headers.get('content-type') ?? 'text/plain';
    const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
    if (boundary) {
      for (const chunk of p.body.split(`--${boundary}`).slice(1)) if (!chunk.startsWith('--')) walk(split(chunk.replace(/^\r?\n/, '')));
      return;
    }
    const enc = (p.headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
    const buf = enc === 'base64' ? Buffer.from(p.body.replace(/\s+/g, ''), 'base64') : enc === 'quoted-printable' ? qp(p.body) : Buffer.from(p.body, 'utf8');
    parts.set(type.split(';')[0]!.trim().toLowerCase(), buf.toString('utf8'));
  };
  walk(top);
  return { header: (n) => decodeWords(top.headers.get(n.toLowerCase()) ?? ''), parts };
}
