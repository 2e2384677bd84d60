/** The PostgreSQL engine: every area over one pool; a unit of work holds one connection from BEGIN to COMMIT. */
import { connectPg, type PgConn } from './connection';
import type { Areas } from '../types';
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

/** Every area over one connection view; a new area is one more line here. */
function areas(c: PgConn): Areas {
  return {
    ingest: pgIngest(c),
    stats: pgStats(c),
    displayTokens: pgDisplayTokens(c),
    integrationKeys: pgIntegrationKeys(c),
    exports: pgExports(c),
    users: pgUsers(c),
    sessions: pgSessions(c),
    kiosks: pgKiosks(c),
    pairing: pgPairing(c),
    qr: pgQr(c),
    audit: pgAudit(c),
    limits: pgLimits(c),
    leases: pgLeases(c),
    retention: pgRetention(c),
    tables: pgTables(c),
    insights: pgInsights(c),
    cases: pgCases(c),
    exportRows: pgExportRows(c),
    maintenance: pgMaintenance(),
    alerts: pgAlerts(c),
    outbox: pgOutbox(c),
    alertChannels: pgChannels(c),
  };
}

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
