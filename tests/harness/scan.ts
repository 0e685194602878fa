/**
 * Byte search for personal data left in the clear: every file under the given folders (recursively), searched
 * for each needle as UTF-8, UTF-16LE and UTF-16BE (SQLite may store text as UTF-16; Windows tools write UTF-16).
 */
import fs from 'node:fs';
import path from 'node:path';

export interface Hit {
  file: string;
  needle: string;
  encoding: 'utf8' | 'utf16le' | 'utf16be';
}

function encodings(needle: string): [Hit['encoding'], Buffer][] {
  const le = Buffer.from(needle, 'utf16le');
  const be = Buffer.from(le);
  be.swap16();
  return [
    ['utf8', Buffer.from(needle, 'utf8')],
    ['utf16le', le],
    ['utf16be', be],
  ];
}

export function* walk(dir: string, options: { since?: number; skip?: (p: string) => boolean } = {}): Generator<string> {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (options.skip?.(p)) continue;
    if (e.isDirectory()) yield* walk(p, options);
    else if (e.isFile()) {
      if (options.since !== undefined) {
        try {
          if (fs.statSync(p).mtimeMs < options.since) continue;
        } catch {
          continue;
        }
      }
      yield p;
    }
  }
}

export function findInFiles(files: Iterable<string>, needles: string[]): Hit[] {
  const patterns = needles.flatMap((n) => encodings(n).map(([encoding, bytes]) => ({ needle: n, encoding, bytes })));
  const hits: Hit[] = [];
  for (const file of files) {
    let data: Buffer;
    try {
      data = fs.readFileSync(file);
    } catch {
      continue;
    }
    for (const p of patterns) if (data.includes(p.bytes)) hits.push({ file, needle: p.needle, encoding: p.encoding });
  }
  return hits;
}
