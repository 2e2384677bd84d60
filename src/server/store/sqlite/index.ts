/** The SQLite engine: every area over one file (or ':memory:'), units of work serialised on the write connection. */
import { connect, type Conn } from './connection';
import { bindAreas, type AreaMakers } from '../areas';
import type { Store } from '../index';
import { sqliteIngest } from './ingest';
import { sqliteDisplayTokens, sqliteIntegrationKeys, sqliteStats } from './stats';
import { sqliteAudit, sqliteExports } from './exports';
import { sqliteLimits, sqliteSessions, sqliteUsers } from './people';
import { sqliteKiosks, sqlitePairing } from './devices';
import { sqliteQr } from './qr';
import { sqliteLeases, sqliteRetention } from './ops';
import { sqliteTables } from './tables';
import { sqliteAlerts, sqliteChannels, sqliteOutbox } from './alerts';
import { sqliteInsights } from './insights';
import { sqliteCases } from './cases';
import { sqliteExportRows, sqliteMaintenance } from './export-rows';

/** Every area's SQLite constructor; a new area is one more entry here. */
const AREAS: AreaMakers<Conn> = {
  ingest: sqliteIngest, stats: sqliteStats, displayTokens: sqliteDisplayTokens, integrationKeys: sqliteIntegrationKeys, exports: sqliteExports, users: sqliteUsers, sessions: sqliteSessions,
  kiosks: sqliteKiosks, pairing: sqlitePairing, qr: sqliteQr, audit: sqliteAudit, limits: sqliteLimits, leases: sqliteLeases, retention: sqliteRetention,
  tables: sqliteTables, alerts: sqliteAlerts, outbox: sqliteOutbox, alertChannels: sqliteChannels, insights: sqliteInsights, cases: sqliteCases,
  exportRows: sqliteExportRows, maintenance: sqliteMaintenance,
};
const areas = (c: Conn) => bindAreas(AREAS, c);

/** Opens the SQLite store at `file`, creating or upgrading its schema. */
export function openSqliteStore(file: string): Store {
  const conns = connect(file);
  const unit = areas(conns.unit);
  return {
    engine: 'sqlite',
    ...areas(conns.top),
    tx: (fn) => conns.transaction(() => fn(unit)),
    health: async () => {
      conns.reader.prepare('SELECT 1').get();
      return { engine: 'sqlite', schemaVersion: conns.writer.pragma('user_version', { simple: true }) as number };
    },
    close: async () => conns.close(),
  };
}

