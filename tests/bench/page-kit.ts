/** In-page code shared by the benches, given as text: the TypeScript loader would otherwise add helpers the page does not have. */

/**
 * A page script timing `n` bare IndexedDB puts of a kiosk-sized record, each in its own transaction, in a
 * database of its own (ms each): the baseline for a tap, measured in the same page as the taps.
 */
export function barePutTimes(n: number): string {
  return `(async (n) => {
    const db = await new Promise((ok, fail) => {
      const req = indexedDB.open('bench-baseline', 1);
      req.onupgradeneeded = () => req.result.createObjectStore('responses', { keyPath: 'id' });
      req.onsuccess = () => ok(req.result);
      req.onerror = () => fail(req.error);
    });
    const out = [];
    for (let i = 0; i < n; i++) {
      const rec = { type: 'response', id: Date.now() + '-' + i, rev: 0, seq: i, windowId: 'w01', staffId: 's1001', score: 5, scale: 5, reasons: [], deviceTime: new Date().toISOString(), channel: 'kiosk', suspect: false, followUp: false };
      const t0 = performance.now();
      await new Promise((ok, fail) => {
        const tx = db.transaction('responses', 'readwrite');
        tx.objectStore('responses').put(rec);
        tx.oncomplete = () => ok();
        tx.onerror = () => fail(tx.error);
      });
      out.push(performance.now() - t0);
    }
    db.close();
    return out;
  })(${n})`;
}
