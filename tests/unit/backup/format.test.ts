/**
 * The file format pieces, checked against independent implementations: Debian's age / age-keygen / tar, and the
 * pure-JS decrypter of age-encryption.
 */
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Decrypter, generateX25519Identity, identityToRecipient } from 'age-encryption';
import { afterAll, describe, expect, it } from 'vitest';
import { decryptPayload, encryptPayload, expectedFileSize, makeHeader, readHeader, unwrapHeader } from '../../../electron/core/backup/age';
import { backupIdentityFromRecovery, backupRecipientFromRecovery, isX25519Recipient, parseX25519Identity } from '../../../electron/core/backup/identity';
import { TarFormatError, readTar, tarSize, writeTar } from '../../../electron/core/backup/tar';
import { formatRecoveryKey, parseRecoveryKey } from '../../../electron/core/auth/recovery-key';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgan-unit-backup-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function* chunks(b: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < b.length; i += size) yield b.subarray(i, i + size);
}
async function collect(it: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of it) parts.push(c);
  return Buffer.concat(parts);
}

describe('the backup identity', () => {
  const recovery = Buffer.alloc(32, 0x5a);

  it('is derived deterministically from the recovery key, and Debian age-keygen agrees on its recipient', async () => {
    const identity = backupIdentityFromRecovery(recovery);
    expect(identity).toMatch(/^AGE-SECRET-KEY-1[02-9AC-HJ-NP-Z]{58}$/);
    expect(backupIdentityFromRecovery(Buffer.from(recovery))).toBe(identity);
    expect(backupIdentityFromRecovery(Buffer.alloc(32, 0x5b))).not.toBe(identity);
    const file = path.join(tmp, 'id.txt');
    fs.writeFileSync(file, identity + '\n');
    const fromAge = execFileSync('age-keygen', ['-y', file]).toString().trim();
    expect(await backupRecipientFromRecovery(recovery)).toBe(fromAge);
    expect(isX25519Recipient(fromAge)).toBe(true);
  });

  it('round-trips through the printed recovery key text', () => {
    const text = formatRecoveryKey(recovery);
    expect(backupIdentityFromRecovery(parseRecoveryKey(text.toLowerCase()) ?? Buffer.alloc(0))).toBe(backupIdentityFromRecovery(recovery));
  });

  it('accepts a district identity file (comments, blank lines), refuses other text and bad checksums', async () => {
    const id = await generateX25519Identity();
    expect(parseX25519Identity(`# created: 2026-11-26\n# public key: ${await identityToRecipient(id)}\n\n${id}\n`)).toBe(id);
    expect(parseX25519Identity('hello')).toBeNull();
    expect(parseX25519Identity(id.slice(0, -1) + (id.endsWith('Q') ? 'P' : 'Q'))).toBeNull();
    expect(isX25519Recipient('age1' + 'q'.repeat(58))).toBe(false);
  });
});

describe('the age file', () => {
  for (const size of [0, 1, 65_535, 65_536, 65_537, 3 * 65_536, 200_001]) {
    it(`of ${size} bytes opens with Debian age, with age-encryption, and with our reader`, async () => {
      const plain = crypto.randomBytes(size);
      const identity = await generateX25519Identity();
      const { header, fileKey } = await makeHeader([await identityToRecipient(identity)], size);
      const body = await collect(encryptPayload(fileKey, chunks(plain, 10_000)));
      const file = path.join(tmp, `f${size}.age`);
      fs.writeFileSync(file, Buffer.concat([header, body]));
      const parsed = await readHeader(file);
      expect(parsed.plaintextSize).toBe(size);
      expect(expectedFileSize(parsed)).toBe(fs.statSync(file).size);

      const idFile = path.join(tmp, `id${size}.txt`);
      fs.writeFileSync(idFile, identity + '\n');
      expect(execFileSync('age', ['-d', '-i', idFile, file], { maxBuffer: 1 << 26 }).equals(plain)).toBe(true);

      const dec = new Decrypter();
      dec.addIdentity(identity);
      expect(Buffer.from(await dec.decrypt(fs.readFileSync(file))).equals(plain)).toBe(true);

      const key = await unwrapHeader(parsed.header, [identity]);
      const ours = await collect(decryptPayload(key, chunks(fs.readFileSync(file).subarray(parsed.header.length), 7_777)));
      expect(ours.equals(plain)).toBe(true);
    });
  }

  it('opens a file written by Debian age (with the Qorgan reader\'s payload part)', async () => {
    const identity = await generateX25519Identity();
    const plain = crypto.randomBytes(150_000);
    const idFile = path.join(tmp, 'deb-id.txt');
    fs.writeFileSync(idFile, identity + '\n');
    const inFile = path.join(tmp, 'deb.bin');
    fs.writeFileSync(inFile, plain);
    const out = execFileSync('age', ['-r', await identityToRecipient(identity), inFile]);
    const headerEnd = out.indexOf('\n', out.indexOf('\n--- ') + 1) + 1;
    const key = await unwrapHeader(out.subarray(0, headerEnd), [identity]);
    expect((await collect(decryptPayload(key, chunks(out.subarray(headerEnd), 65_552)))).equals(plain)).toBe(true);
  });

  it('refuses a key that is not a recipient of the file', async () => {
    const a = await generateX25519Identity();
    const b = await generateX25519Identity();
    const { header } = await makeHeader([await identityToRecipient(a)], 0);
    await expect(unwrapHeader(header, [b])).rejects.toMatchObject({ code: 'backup.wrong_key' });
  });
});

describe('the tar archive', () => {
  const mtime = new Date('2026-11-26T09:00:00Z');
  const files = [
    { name: 'manifest.json', data: Buffer.from('{"a":1}\n') },
    { name: 'keyring.json', data: crypto.randomBytes(512) },
    { name: 'qorgan.db', data: crypto.randomBytes(100_000) },
  ];
  const sources = files.map((f) => ({ name: f.name, size: f.data.length, mtime, data: () => chunks(f.data, 4096) }));

  it('has the size computed in advance, and GNU tar lists and extracts it byte for byte', async () => {
    const tar = await collect(writeTar(sources));
    expect(tar.length).toBe(tarSize(files.map((f) => f.data.length)));
    const file = path.join(tmp, 'a.tar');
    fs.writeFileSync(file, tar);
    expect(execFileSync('tar', ['-tf', file]).toString().trim().split('\n')).toEqual(files.map((f) => f.name));
    const out = path.join(tmp, 'x');
    fs.mkdirSync(out);
    execFileSync('tar', ['-xf', file, '-C', out]);
    for (const f of files) expect(fs.readFileSync(path.join(out, f.name)).equals(f.data)).toBe(true);
  });

  it('reads back what it writes, and what GNU tar writes', async () => {
    const seen: { name: string; data: Buffer }[] = [];
    await readTar(writeTar(sources), async (e, body) => {
      seen.push({ name: e.name, data: await collect(body) });
    });
    expect(seen.map((s) => s.name)).toEqual(files.map((f) => f.name));
    for (const [i, f] of files.entries()) expect(seen[i]?.data.equals(f.data)).toBe(true);

    const dir = path.join(tmp, 'g');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'one.txt'), 'бір');
    const gnu = execFileSync('tar', ['--format=ustar', '-cf', '-', '-C', dir, 'one.txt']);
    const names: string[] = [];
    await readTar(chunks(gnu, 300), async (e, body) => {
      names.push(`${e.name}:${(await collect(body)).toString()}`);
    });
    expect(names).toEqual(['one.txt:бір']);
  });

  it('refuses a damaged header and data that is not tar', async () => {
    const tar = await collect(writeTar(sources));
    tar[10] = (tar[10] as number) ^ 1;
    await expect(readTar(chunks(tar, 512), async (_e, b) => void (await collect(b)))).rejects.toBeInstanceOf(TarFormatError);
    await expect(readTar(chunks(crypto.randomBytes(2048), 512), async (_e, b) => void (await collect(b)))).rejects.toBeInstanceOf(TarFormatError);
  });
});
