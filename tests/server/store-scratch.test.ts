/** Test schemas on PostgreSQL: none outlives its run, even when a test fails, hangs or its worker dies. */
import { describe, it, expect, onTestFinished } from 'vitest';
import { openStore } from '../../src/server/store';
import { dropSchema, dropStaleScratch, scratchMadeAt, scratchSchema, scratchSchemas } from '../../src/server/store/postgres/scratch';
import { TEST_DATABASE_URL } from './testkit';

const HOUR = 60 * 60_000;

describe('test schemas on PostgreSQL', () => {
  it('a schema name says when it was made', () => {
    const at = Date.UTC(2026, 4, 1, 8, 30);
    expect(scratchMadeAt(scratchSchema('t', at))).toBe(at);
    expect(scratchMadeAt('t_fk_data_xuqlel')).toBeNull(); // an older name, judged by its first migration instead
  });

  it('schemas a dead run left more than an hour ago are dropped by the next run; younger ones are kept', async () => {
    const old = scratchSchema('t', Date.now() - 2 * HOUR);
    const young = scratchSchema('t', Date.now() - HOUR / 2);
    onTestFinished(async () => { await Promise.all([dropSchema(TEST_DATABASE_URL, old), dropSchema(TEST_DATABASE_URL, young)]); });
    for (const schema of [old, young]) await (await openStore({ url: TEST_DATABASE_URL, schema, poolSize: 1 })).close(); // left behind
    const dropped = await dropStaleScratch(TEST_DATABASE_URL, 't', Date.now() - HOUR);
    expect(dropped).toContain(old);
    expect(dropped).not.toContain(young);
    const left = await scratchSchemas(TEST_DATABASE_URL, 't');
    expect(left).not.toContain(old);
    expect(left).toContain(young);
  });

  it('a store closed while one of its units never finishes still drops its schema', async () => {
    const schema = scratchSchema('t');
    const store = await openStore({ url: TEST_DATABASE_URL, schema, dropSchemaOnClose: true, poolSize: 2 });
    onTestFinished(() => dropSchema(TEST_DATABASE_URL, schema));
    let began!: () => void;
    const inUnit = new Promise<void>((ok) => { began = ok; });
    const stuck = store.tx(async (t) => {
      await t.users.count();
      began();
      await new Promise(() => {}); // a test that timed out in the middle of a unit
    });
    stuck.catch(() => {}); // its connection is ended by the close below
    await inUnit;
    await store.close();
    expect(await scratchSchemas(TEST_DATABASE_URL, 't')).not.toContain(schema);
  });
});
