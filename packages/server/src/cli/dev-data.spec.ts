import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { devKeyNotice, keyMismatchMessage, resetDevData } from './dev-data';

const dataDir = '/srv/kessai/.data';
const external = { DATABASE_URL: 'postgres://db.internal/kessai' };

describe('what start-up says about the encryption key', () => {
  it('with an external database and no KESSAI_ENCRYPTION_KEY, says the dev key file now keeps its credentials readable', () => {
    expect(devKeyNotice(external, dataDir)).toBe(
      'DATABASE_URL is set without KESSAI_ENCRYPTION_KEY: credentials stored in that database are sealed with the ' +
        'dev key /srv/kessai/.data/encryption-key; keep that file (or set KESSAI_ENCRYPTION_KEY to its content) ' +
        'or they cannot be read',
    );
  });

  it('says nothing when the key is given or the database is the embedded one', () => {
    expect(devKeyNotice({ ...external, KESSAI_ENCRYPTION_KEY: 'k' }, dataDir)).toBeNull();
    expect(devKeyNotice({}, dataDir)).toBeNull();
  });
});

describe('what a key that does not open the stored credentials says', () => {
  it('for an external database, asks for KESSAI_ENCRYPTION_KEY and does not offer a reset, which would not touch it', () => {
    const message = keyMismatchMessage({ ...external, KESSAI_ENCRYPTION_KEY: 'k' }, dataDir);
    expect(message).toMatch(/^the database at DATABASE_URL holds credentials sealed with another key than KESSAI_/);
    expect(message).toContain('set KESSAI_ENCRYPTION_KEY to the key that database was first used with');
    expect(message).toContain('a reset wipes only the embedded dev data, never that database');
    expect(message).not.toContain('pnpm start -- --reset');
  });

  it('for an external database on the dev key file, names that file', () => {
    expect(keyMismatchMessage(external, dataDir)).toContain('another key than /srv/kessai/.data/encryption-key');
  });

  it('for the embedded dev database, names its directory and the key file and offers the reset', () => {
    expect(keyMismatchMessage({}, dataDir)).toBe(
      'the dev database in /srv/kessai/.data/pg was encrypted with another key than ' +
        '/srv/kessai/.data/encryption-key: restore the key it was made with, or wipe the dev data with ' +
        '`pnpm start -- --reset`',
    );
  });
});

describe('reset with DATABASE_URL set', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kessai-reset-'));
    await writeFile(join(dir, 'encryption-key'), 'key\n');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('wipes nothing and says it only ever wipes the embedded dev data, never the external database', async () => {
    await expect(resetDevData(dir, external)).rejects.toThrow(
      `reset wipes only the embedded dev data in ${dir} (its database, sandbox state, keys and dev encryption key), ` +
        'never the database at DATABASE_URL',
    );
    expect(await readdir(dir)).toEqual(['encryption-key']);
  });
});
