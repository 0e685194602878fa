import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Someone who clones Qorgan must be able to read everything the repository points to: no tracked file refers to a
 * path outside the repository (such as notes beside the checkout), and every relative Markdown link resolves.
 */

const root = path.resolve(import.meta.dirname, '../..');

function trackedTextFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return out
    .split('\0')
    .filter((f) => f.length > 0 && /\.(ts|tsx|mts|cts|js|mjs|cjs|json|md|yml|yaml|css|html|sh)$|(^|\/)run$/.test(f))
    .filter((f) => f !== 'package-lock.json' && !f.startsWith('electron/core/frameworks/data/') && fs.existsSync(path.join(root, f)));
}

const inside = (p: string) => p === root || p.startsWith(root + path.sep);

/** Relative paths that climb out of the repository from the file they are written in, and absolute paths to /work. */
export function outsideReferences(file: string, text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/(?<![\w./-])((?:\.\.\/)+)([A-Za-z0-9_][\w.-]*(?:\/[\w.-]+)*)/g)) {
    const target = path.resolve(root, path.dirname(file), m[1]! + m[2]!);
    if (!inside(target)) found.push(m[0]);
  }
  for (const m of text.matchAll(/(?<![\w.-])\/work\/[\w./-]+/g)) found.push(m[0]);
  return found;
}

describe('the repository is self-contained', () => {
  const files = trackedTextFiles();

  it('finds the files it checks', () => {
    expect(files).toContain('CONTRIBUTING.md');
    expect(files).toContain('docs/ARCHITECTURE.md');
    expect(files).toContain('docs/DOMAIN.md');
  });

  it('no tracked file refers to a path outside the repository', () => {
    const problems: string[] = [];
    // this file's own examples are the only allowed mentions
    for (const f of files.filter((x) => x !== 'tests/unit/repo-links.test.ts')) {
      for (const ref of outsideReferences(f, fs.readFileSync(path.join(root, f), 'utf8'))) problems.push(`${f}: ${ref}`);
    }
    expect(problems).toEqual([]);
  });

  it('the check recognises such a reference (and leaves imports inside the repository alone)', () => {
    expect(outsideReferences('CONTRIBUTING.md', 'Read `../shared/ARCHITECTURE.md` first')).toEqual(['../shared/ARCHITECTURE.md']);
    expect(outsideReferences('renderer/src/app/App.tsx', "import type { AuthStatus } from '../../../shared/auth';")).toEqual([]);
    expect(outsideReferences('renderer/src/app/App.tsx', "import x from '../../../../notes/x';")).toEqual(['../../../../notes/x']);
    expect(outsideReferences('docs/x.md', 'see /work/shared/DOMAIN.md')).toEqual(['/work/shared/DOMAIN.md']);
  });

  it('every relative Markdown link resolves to a file in the repository', () => {
    const broken: string[] = [];
    for (const f of files.filter((x) => x.endsWith('.md'))) {
      const text = fs.readFileSync(path.join(root, f), 'utf8');
      for (const m of text.matchAll(/\]\(([^)\s#]+)(?:#[^)]*)?\)/g)) {
        const href = m[1]!;
        if (/^[a-z]+:/i.test(href)) continue;
        const target = path.resolve(root, path.dirname(f), href);
        if (!inside(target) || !fs.existsSync(target)) broken.push(`${f}: ${href}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('README and CONTRIBUTING link the architecture and domain pages', () => {
    for (const f of ['README.md', 'CONTRIBUTING.md']) {
      const text = fs.readFileSync(path.join(root, f), 'utf8');
      expect(text, f).toContain('(docs/ARCHITECTURE.md)');
      expect(text, f).toContain('(docs/DOMAIN.md)');
    }
  });
});
