/**
 * The file operations a backup does on the target drive, behind an interface so that tests can pull the stick
 * out or fill it up in the middle of a write (tests/integration/backup/failures.test.ts).
 */
import fs from 'node:fs';
import path from 'node:path';

export interface WritableFile {
  write(data: Buffer): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

export interface BackupFs {
  /** Creates a new file (fails if it exists). */
  create(file: string): Promise<WritableFile>;
  rename(from: string, to: string): Promise<void>;
  unlink(file: string): Promise<void>;
  readdir(dir: string): Promise<string[]>;
  /** fsync of a folder after a rename (a no-op where the OS does not allow it) */
  syncDir(dir: string): Promise<void>;
}

export const nodeBackupFs: BackupFs = {
  async create(file) {
    const fh = await fs.promises.open(file, 'wx', 0o600);
    return {
      async write(data) {
        let off = 0;
        while (off < data.length) {
          const { bytesWritten } = await fh.write(data, off, data.length - off);
          off += bytesWritten;
        }
      },
      sync: () => fh.sync(),
      close: () => fh.close(),
    };
  },
  rename: (from, to) => fs.promises.rename(from, to),
  unlink: (file) => fs.promises.unlink(file),
  readdir: (dir) => fs.promises.readdir(dir),
  async syncDir(dir) {
    if (process.platform === 'win32') return;
    let fh: fs.promises.FileHandle | null = null;
    try {
      fh = await fs.promises.open(path.resolve(dir), 'r');
      await fh.sync();
    } catch {
      // some file systems (FAT on a stick, network shares) refuse fsync on a folder; the file itself was synced
    } finally {
      await fh?.close();
    }
  },
};

/** Maps an I/O error on the target to a backup error code. */
export function ioErrorCode(e: unknown): 'backup.disk_full' | 'backup.drive_removed' | 'backup.write_failed' {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG') return 'backup.disk_full';
  if (code === 'ENOENT' || code === 'ENODEV' || code === 'ENXIO' || code === 'EIO' || code === 'ENOTDIR') {
    return 'backup.drive_removed';
  }
  return 'backup.write_failed';
}
