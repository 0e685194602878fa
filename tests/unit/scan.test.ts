import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findInFiles, walk } from '../harness/scan';

describe('the leak scanner used by the no-plaintext checks', () => {
  it('finds a name stored as UTF-8, UTF-16LE or UTF-16BE, in nested folders, and nothing in clean files', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgan-scan-'));
    fs.mkdirSync(path.join(dir, 'a', 'b'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'a', 'u8.txt'), 'x Тестова Айгерім y');
    fs.writeFileSync(path.join(dir, 'a', 'b', 'u16.bin'), Buffer.from('..Тестова..', 'utf16le'));
    const be = Buffer.from('Тестова', 'utf16le');
    be.swap16();
    fs.writeFileSync(path.join(dir, 'be.bin'), be);
    fs.writeFileSync(path.join(dir, 'clean.bin'), Buffer.from('nothing here'));
    const hits = findInFiles(walk(dir), ['Тестова']);
    expect(hits.map((h) => `${path.relative(dir, h.file)}:${h.encoding}`).sort()).toEqual(['a/b/u16.bin:utf16le', 'a/u8.txt:utf8', 'be.bin:utf16be']);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
