/** The SQLite engine: every area over one file (or ':memory:'), units of work serialised on the write connection. */
import { connect, type Conn } from './connection';
import type { Areas } from '../types';
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

/** Every area over one connection view; a new area is one more line here. */
function areas(c: Conn): Areas {
  return {
    ingest: sqliteIngest(c),
    stats: sqliteStats(c),
    displayTokens: sqliteDisplayTokens(c),
    integrationKeys: sqliteIntegrationKeys(c),
    exports: sqliteExports(c),
    users: sqliteUsers(c),
    sessions: sqliteSessions(c),
    kiosks: sqliteKiosks(c),
    pairing: sqlitePairing(c),
    qr: sqliteQr(c),
    audit: sqliteAudit(c),
    limits: sqliteLimits(c),
    leases: sqliteLeases(c),
    retention: sqliteRetention(c),
    tables: sqliteTables(c),
    alerts: sqliteAlerts(c),
    outbox: sqliteOutbox(c),
    alertChannels: sqliteChannels(c),
    insights: sqliteInsights(c),
    cases: sqliteCases(c),
    exportRows: sqliteExportRows(c),
    maintenance: sqliteMaintenance(c),
  };
}

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

