import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

function tree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgan-imports-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

function check(dir: string): { code: number | null; out: string } {
  const r = spawnSync(process.execPath, ['scripts/check-imports.mjs', dir], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout + r.stderr };
}

describe('the import rules check (npm run lint)', () => {
  it('passes on this repository', () => {
    const r = check(path.resolve('.'));
    expect(r.out).toContain('import rules: ok');
    expect(r.code).toBe(0);
  });

  it('flags each broken rule, also through require() and import()', () => {
    const dir = tree({
      'electron/core/x.ts': "const { app } = require('electron');\n",
      'shared/y.ts': "import fs from 'node:fs';\nimport { z } from '../electron/core/z';\n",
      'renderer/src/w.tsx': "const m = await import('../../electron/core/api');\nimport '../../migrations/index';\n",
      'electron/core/ok.ts': "import { z } from 'zod';\n",
    });
    const r = check(dir);
    expect(r.code).toBe(1);
    expect(r.out).toContain("electron/core/x.ts: imports 'electron'");
    expect(r.out).toContain("shared/y.ts: imports 'node:fs'");
    expect(r.out).toContain("shared/y.ts: imports '../electron/core/z'");
    expect(r.out).toContain("renderer/src/w.tsx: imports '../../electron/core/api'");
    expect(r.out).toContain("renderer/src/w.tsx: imports '../../migrations/index'");
    expect(r.out).not.toContain('ok.ts');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
