/** The PostgreSQL engine: every area over one pool; a unit of work holds one connection from BEGIN to COMMIT. */
import { connectPg, type PgConn } from './connection';
import { bindAreas, type AreaMakers } from '../areas';
import type { Store } from '../index';
import { pgIngest } from './ingest';
import { pgDisplayTokens, pgIntegrationKeys, pgStats } from './stats';
import { pgAudit, pgExports } from './exports';
import { pgLimits, pgSessions, pgUsers } from './people';
import { pgKiosks, pgPairing } from './devices';
import { pgQr } from './qr';
import { pgLeases, pgRetention } from './ops';
import { pgTables } from './tables';
import { pgInsights } from './insights';
import { pgCases } from './cases';
import { pgExportRows, pgMaintenance } from './export-rows';
import { pgAlerts, pgChannels, pgOutbox } from './alerts';

/** Every area's PostgreSQL constructor; a new area is one more entry here. */
const AREAS: AreaMakers<PgConn> = {
  ingest: pgIngest, stats: pgStats, displayTokens: pgDisplayTokens, integrationKeys: pgIntegrationKeys, exports: pgExports, users: pgUsers, sessions: pgSessions, kiosks: pgKiosks,
  pairing: pgPairing, qr: pgQr, audit: pgAudit, limits: pgLimits, leases: pgLeases, retention: pgRetention, tables: pgTables, insights: pgInsights,
  cases: pgCases, exportRows: pgExportRows, maintenance: pgMaintenance, alerts: pgAlerts, outbox: pgOutbox, alertChannels: pgChannels,
};
const areas = (c: PgConn) => bindAreas(AREAS, c);

/** Opens the PostgreSQL store at `url` in `schema` (default public), creating or upgrading its tables. */
export async function openPostgresStore(url: string, opts: { schema?: string | undefined; dropSchemaOnClose?: boolean; poolSize?: number } = {}): Promise<Store> {
  const conns = await connectPg(url, opts.schema ?? 'public', { dropOnClose: opts.dropSchemaOnClose ?? false, max: opts.poolSize ?? 10 });
  return {
    engine: 'postgres',
    ...areas(conns.top),
    tx: (fn) => conns.transaction((unit) => fn(areas(unit))),
    health: async () => ({ engine: 'postgres', schemaVersion: await conns.schemaVersion() }),
    close: () => conns.close(),
  };
}
