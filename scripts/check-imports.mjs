#!/usr/bin/env node
// The import rules of docs/ARCHITECTURE.md, checked over every static import, export-from, dynamic import() and
// require() in the tree (ESLint covers static imports; this also catches require and import()).
import fs from 'node:fs';
import path from 'node:path';
import { builtinModules } from 'node:module';

const root = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, '..'));
const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
const specRe = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;

function* files(dir) {
  if (!fs.existsSync(dir)) return;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name === 'node_modules' || e.name === 'dist') continue;
      yield* files(p);
    } else if (/\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(e.name)) yield p;
  }
}

const problems = [];
function check(area, rule) {
  for (const file of files(path.join(root, area))) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(specRe)) {
      const spec = m[1] ?? m[2] ?? m[3] ?? m[4];
      const target = spec.startsWith('.') ? path.relative(root, path.resolve(path.dirname(file), spec)) : null;
      const why = rule(spec, target);
      if (why) problems.push(`${path.relative(root, file)}: imports '${spec}' — ${why}`);
    }
  }
}

const inside = (target, dir) => target !== null && (target === dir || target.startsWith(dir + path.sep));

check('electron/core', (spec) => (spec === 'electron' ? 'electron/core never imports electron' : null));
check('migrations', (spec) => (spec === 'electron' ? 'migrations never import electron' : null));
check('shared', (spec, target) => {
  if (spec === 'electron') return 'shared/ never imports electron';
  if (builtins.has(spec)) return 'shared/ never imports Node built-ins';
  if (target !== null && !inside(target, 'shared')) return 'shared/ imports only from shared/';
  return null;
});
check('renderer/src', (spec, target) => {
  if (spec === 'electron') return 'the renderer never imports electron';
  if (builtins.has(spec)) return 'the renderer never imports Node built-ins';
  if (inside(target, 'electron') || inside(target, 'migrations')) return 'the renderer never imports electron/ or migrations/';
  return null;
});

if (problems.length) {
  console.error(`Import rules broken (${problems.length}):\n` + problems.join('\n'));
  process.exit(1);
}
console.log('import rules: ok');
