import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backupFileName, listBackups, pruneBackups, safeSchoolNumber } from '../../../electron/core/backup/create';
import { nodeBackupFs } from '../../../electron/core/backup/fsio';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgan-names-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('backup file names', () => {
  it('are Qorgan-<school number>-<YYYY-MM-DD-HHmm>.qorgan in local time, safe on FAT and NTFS', () => {
    expect(backupFileName('96', new Date(2026, 0, 5, 7, 3))).toBe('Qorgan-96-2026-01-05-0703.qorgan');
    expect(backupFileName('96', new Date(2026, 0, 5, 7, 3), 2)).toBe('Qorgan-96-2026-01-05-0703-2.qorgan');
    expect(safeSchoolNumber('12 А')).toBe('12_А');
    expect(safeSchoolNumber('7/2: "Ә"')).toBe('7_2_Ә_');
    expect(safeSchoolNumber('  ')).toBe('school');
  });

  it('lists and prunes only this school\'s backups, oldest first, the same-minute suffixes in order', async () => {
    const names = [
      'Qorgan-96-2026-01-05-0703-2.qorgan',
      'Qorgan-96-2026-01-05-0703.qorgan',
      'Qorgan-96-2025-12-31-2359.qorgan',
      'Qorgan-960-2026-01-01-0000.qorgan',
      'Qorgan-96-2026-01-06-0800.qorgan.partial',
      '.Qorgan-96-2026-01-07-0800.qorgan.partial',
      'qorgan-96-2026-01-08-0800.qorgan',
      'notes.txt',
    ];
    for (const n of names) fs.writeFileSync(path.join(dir, n), n);
    expect(await listBackups(nodeBackupFs, dir, '96')).toEqual([
      'Qorgan-96-2025-12-31-2359.qorgan',
      'Qorgan-96-2026-01-05-0703.qorgan',
      'Qorgan-96-2026-01-05-0703-2.qorgan',
    ]);
    expect(await pruneBackups(nodeBackupFs, dir, '96', 2)).toEqual(['Qorgan-96-2025-12-31-2359.qorgan']);
    expect(fs.readdirSync(dir).sort()).toEqual(
      [
        'Qorgan-96-2026-01-05-0703-2.qorgan',
        'Qorgan-96-2026-01-05-0703.qorgan',
        'Qorgan-960-2026-01-01-0000.qorgan',
        'Qorgan-96-2026-01-06-0800.qorgan.partial',
        'qorgan-96-2026-01-08-0800.qorgan',
        'notes.txt',
      ].sort(),
    );
  });
});
