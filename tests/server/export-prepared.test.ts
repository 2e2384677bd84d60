/** PostgreSQL exports prepare their page statement once per connection; a schema changed under them does not break them. */
import { describe, expect, it, onTestFinished } from 'vitest';
import { openStore } from '../../src/server/store';
import { alterScratchColumn, scratchSchema } from '../../src/server/store/postgres/scratch';
import { loadConfig } from '../../src/server/config/load';
import { exportStream, type ExportSpec } from '../../src/server/export/run';
import { uuidv7 } from '../../src/shared/ids';
import { CONFIG_DIR, TEST_DATABASE_URL } from './testkit';

const config = loadConfig(CONFIG_DIR);
const spec: ExportSpec = {
  what: 'responses', format: 'csv', lang: 'en', options: { unmasked: false, gbCode: false },
  filter: { siteId: 'demo', from: '2026-03-01', to: '2026-03-31', includeSuspect: false, windowId: null },
};

function responseRows(n: number) {
  const t0 = Date.parse('2026-03-02T02:00:00Z');
  return Array.from({ length: n }, (_, i) => {
    const at = t0 + i * 60_000;
    return {
      id: uuidv7(at), rev: 0, payload_hash: 'x', site_id: 'demo', window_id: 'w01', staff_id: 's1001', kiosk_id: 'k', channel: 'kiosk',
      token_kind: null, case_no: null, follow_up: 0, score: 5, scale: 5, reasons: '[]', comment: null, phone: null,
      device_time: new Date(at).toISOString(), received_at: at, counted_at: at, day: '2026-03-02', hour: 10, weekday: 1, seq: i + 1, suspect: 0, flags: '',
    };
  });
}

// Runs once, on the PostgreSQL test database, whichever project runs it.
describe.skipIf(process.env.TEST_ENGINE === 'postgres')('PostgreSQL exports with prepared page statements', () => {
  it('an export after another process changed a column the export reads still streams every row', async () => {
    const schema = scratchSchema('t');
    // One connection: the second export runs on the connection that prepared the first one's statements.
    const store = await openStore({ url: TEST_DATABASE_URL, schema, dropSchemaOnClose: true, poolSize: 1 });
    onTestFinished(() => store.close());
    await store.tables.insert('responses', responseRows(1200)); // more than one page, so a page statement runs again
    const lines = async () => (await new Response(exportStream(store, config, spec)).text()).trimEnd().split('\r\n');
    const before = await lines();
    expect(before).toHaveLength(1201);

    // A newer release's migration, run by another process during a rolling upgrade, changes a column's type.
    await alterScratchColumn(TEST_DATABASE_URL, schema, 'responses', 'flags', 'varchar(200)');

    expect(await lines()).toEqual(before);
  });
});
