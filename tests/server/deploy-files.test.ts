/** The database and its backups hold phone numbers, password hashes and the QR signing secrets: the service user's alone. */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, statSync, writeFileSync, chmodSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/server/store';
import { ensureSiteSecrets } from '../../src/server/qr/secrets';
import { backupDatabase } from '../../src/server/cli/backup';
import { ENGINE } from './testkit';

const mode = (file: string) => statSync(file).mode & 0o777;

describe.runIf(ENGINE === 'sqlite')('files of the SQLite store', () => {
  it('a new database, its WAL and shared-memory files and a backup are readable and writable by the service user only, in a directory made 0700', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'fk-files-')), 'data');
    const file = join(dir, 'kiosk.sqlite');
    const store = await openStore({ file });
    await ensureSiteSecrets(store, ['demo'], Date.now());
    expect(mode(dir)).toBe(0o700);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) {
      expect(existsSync(f), f).toBe(true);
      expect(mode(f).toString(8), f).toBe('600');
    }
    const backup = await backupDatabase(file, join(dir, 'backups', 'kiosk-test.sqlite'));
    expect(mode(backup.file).toString(8)).toBe('600');
    await store.close();
  });

  it('a database written before the rule, readable by everyone, is made the service user\'s alone when opened', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fk-files-'));
    const file = join(dir, 'kiosk.sqlite');
    (await openStore({ file })).close();
    chmodSync(file, 0o644);
    writeFileSync(join(dir, 'other.txt'), 'x'); // nothing else in the directory is touched
    const store = await openStore({ file });
    expect(mode(file).toString(8)).toBe('600');
    expect(mode(join(dir, 'other.txt')).toString(8)).not.toBe('600');
    await store.close();
  });
});
