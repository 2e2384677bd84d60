/** The database and its backups hold phone numbers, password hashes and the QR signing secrets: the service user's alone. */
import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, mkdirSync, statSync, writeFileSync, chmodSync, existsSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/server/store';
import { ensureSiteSecrets } from '../../src/server/qr/secrets';
import { backupDatabase } from '../../src/server/cli/backup';
import { openConfiguredStore } from '../../src/server/cli/open';
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

  const made: string[] = [];
  afterAll(() => { for (const d of made) rmSync(d, { recursive: true, force: true }); });
  const scratch = (prefix: string): string => { const d = mkdtempSync(join(tmpdir(), prefix)); made.push(d); return d; };

  /** A data folder as an older version left it: the folder, its backups folder and a backup readable by everyone. */
  async function olderDataDir(): Promise<{ dir: string; file: string; backups: string; oldBackup: string }> {
    const dir = join(scratch('fk-files-'), 'data');
    const file = join(dir, 'kiosk.sqlite');
    await (await openStore({ file })).close();
    const backups = join(dir, 'backups');
    mkdirSync(backups);
    const oldBackup = join(backups, 'kiosk-2025-01-01T00-00-00Z.sqlite');
    writeFileSync(oldBackup, 'x');
    for (const [path, m] of [[dir, 0o755], [backups, 0o755], [oldBackup, 0o644]] as const) chmodSync(path, m);
    return { dir, file, backups, oldBackup };
  }

  it('when the endpoint starts, an older backups folder and the data folder it made are made the service user\'s alone, old backups too', async () => {
    const { dir, file, backups, oldBackup } = await olderDataDir();
    const store = await openConfiguredStore(file); // as main.ts opens DATA_DIR/kiosk.sqlite
    expect(mode(backups).toString(8)).toBe('700');
    expect(mode(oldBackup).toString(8)).toBe('600');
    expect(mode(dir).toString(8)).toBe('700');
    await store.close();
  });

  it('writing a backup makes an older backups folder and the data folder the service user\'s alone', async () => {
    const { dir, file, backups, oldBackup } = await olderDataDir();
    const backup = await backupDatabase(file, join(backups, 'kiosk-test.sqlite'));
    expect(mode(backup.file).toString(8)).toBe('600');
    expect(mode(backups).toString(8)).toBe('700');
    expect(mode(oldBackup).toString(8)).toBe('600');
    expect(mode(dir).toString(8)).toBe('700');
  });

  it('a data folder that also holds files of its own is the admin\'s and keeps its mode; its backups folder is still made private', async () => {
    const { dir, file, backups } = await olderDataDir();
    writeFileSync(join(dir, 'notes.txt'), 'the admin\'s');
    const store = await openConfiguredStore(file);
    expect(mode(dir).toString(8)).toBe('755');
    expect(mode(backups).toString(8)).toBe('700');
    await store.close();
  });

  it('a mode the admin chose (a backups folder and data folder open to a backup group) and files that are not backups keep their modes', async () => {
    const { dir, file, backups, oldBackup } = await olderDataDir();
    const notes = join(backups, 'README.txt');
    writeFileSync(notes, 'copied off-site nightly');
    for (const [path, m] of [[dir, 0o750], [backups, 0o750], [notes, 0o644]] as const) chmodSync(path, m);
    const store = await openConfiguredStore(file);
    expect(mode(dir).toString(8)).toBe('750');
    expect(mode(backups).toString(8)).toBe('750');
    expect(mode(notes).toString(8)).toBe('644');
    expect(mode(oldBackup).toString(8)).toBe('600'); // a backup an older version wrote readable by everyone
    await store.close();
  });

  it('a backups folder that is a link to elsewhere (a mounted share) is left as the admin set it', async () => {
    const { dir, file, backups } = await olderDataDir();
    const share = scratch('fk-share-');
    const shared = join(share, 'kiosk-2025-02-01T00-00-00Z.sqlite');
    writeFileSync(shared, 'x');
    chmodSync(share, 0o755);
    chmodSync(shared, 0o644);
    rmSync(backups, { recursive: true });
    symlinkSync(share, backups);
    const store = await openConfiguredStore(file);
    expect(mode(share).toString(8)).toBe('755');
    expect(mode(shared).toString(8)).toBe('644');
    expect(mode(dir).toString(8)).toBe('700');
    await store.close();
  });
});
