/** The endpoint's graceful stop (SIGTERM): timed work under way gets the grace period, and storage closes either way. */
import { describe, expect, it } from 'vitest';
import { listen } from '../../src/server/process/listen';
import { gracefulShutdown } from '../../src/server/process/shutdown';
import { jsonLogger } from '../../src/server/http/requestlog';

/** An endpoint listening on 127.0.0.1 with no request in flight; what it logs and when its storage closed. */
function endpoint(graceMs: number, stopTimers: () => Promise<void>) {
  const { server, tracker } = listen(() => new Response('ok'), { port: 0, host: '127.0.0.1', tls: null });
  const logged: string[] = [];
  const events: string[] = [];
  const shutdown = gracefulShutdown({
    server, tracker, graceMs, logger: jsonLogger('info', (l) => logged.push(JSON.parse(l).msg as string)),
    stopTimers: async () => { await stopTimers(); events.push('timed work done'); },
    closeStorage: () => { events.push('storage closed'); },
  });
  return { shutdown, logged, events, listening: new Promise((ok) => server.once('listening', ok)) };
}

describe('the endpoint stopping', () => {
  it('waits for an alert send under way before it closes the database', async () => {
    let answer!: () => void;
    const robot = new Promise<void>((ok) => { answer = ok; });
    const ep = endpoint(30_000, () => robot);
    await ep.listening;
    const stopped = ep.shutdown.stop('SIGTERM');
    await new Promise((ok) => setImmediate(ok));
    expect(ep.events).toEqual([]); // the robot has not answered: the database stays open for the send to be marked
    answer();
    await stopped;
    expect(ep.events).toEqual(['timed work done', 'storage closed']);
  });

  it('a pass that never ends (a database that stopped answering) does not hold the stop past the grace period', async () => {
    const ep = endpoint(200, () => new Promise<void>(() => {}));
    await ep.listening;
    await ep.shutdown.stop('SIGTERM');
    expect(ep.events).toEqual(['storage closed']);
    expect(ep.logged).toContain('shutdown grace period over; closing storage while timed work is still running');
  });
});
