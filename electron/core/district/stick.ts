/**
 * The district report beside the backup: its signed JSON and its signed PDF written into the folder (or drive) the
 * backup went to. Each file is written under a temporary name, synced, read back and compared, then renamed: a
 * stick that fills up or is pulled out leaves no half file under the report's name, and the backup archive beside
 * it is never touched. A full stick is `district.stick_full`, any other failure `district.stick_failed`.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors';
import { ioErrorCode, nodeBackupFs, type BackupFs } from '../backup/fsio';

export interface StickFile {
  name: string;
  bytes: Buffer;
}

const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

async function writeOne(fsio: BackupFs, dir: string, f: StickFile): Promise<void> {
  const final = path.join(dir, f.name);
  const part = path.join(dir, `.${f.name}.part`);
  await fsio.unlink(part).catch(() => undefined);
  try {
    const w = await fsio.create(part);
    try {
      await w.write(f.bytes);
      await w.sync();
    } finally {
      await w.close().catch(() => undefined);
    }
    // read back: a stick that lies about its writes is caught here, not at the district
    if (sha(fs.readFileSync(part)) !== sha(f.bytes)) throw Object.assign(new Error('read back differs'), { code: 'EIO' });
    await fsio.rename(part, final);
    await fsio.syncDir(dir);
  } catch (e) {
    await fsio.unlink(part).catch(() => undefined);
    const code = ioErrorCode(e);
    if (code === 'backup.disk_full') throw new AppError('district.stick_full', 'the district report did not fit on the drive');
    throw new AppError('district.stick_failed', 'the district report could not be written to the drive');
  }
}

/** Writes the files in order; on a failure the files already written by this call are removed again. */
export async function writeToStick(dir: string, files: StickFile[], fsio: BackupFs = nodeBackupFs): Promise<string[]> {
  const done: string[] = [];
  try {
    for (const f of files) {
      await writeOne(fsio, dir, f);
      done.push(f.name);
    }
  } catch (e) {
    for (const name of done) await fsio.unlink(path.join(dir, name)).catch(() => undefined);
    throw e;
  }
  return done;
}
