/** The endpoint's own hold on the delivery lease, on its steady clock, on either store. */
import { describe, expect, it } from 'vitest';
import { deliveryLease } from '../../src/server/alerts/service';
import { freshStore } from './testkit';

describe('the delivery lease on the endpoint\'s own clock', () => {
  it('is taken, renewed and released by an endpoint, and another endpoint takes it at once after the release', async () => {
    const store = await freshStore();
    const a = deliveryLease(store, 'hall-server:101@8080');
    const b = deliveryLease(store, 'hall-server:202@8081');
    expect(await a.acquire()).toBe(true);
    expect(await a.acquire()).toBe(true); // renewed
    expect(await b.acquire()).toBe(false);
    await a.release();
    expect(await b.acquire()).toBe(true);
    expect((await store.leases.read('alert-delivery'))?.holder).toBe('hall-server:202@8081');
  });
});
