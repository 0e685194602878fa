#!/usr/bin/env node
// Runs Vitest on Node 20. Vitest 5 targets Node 22 and calls Map.groupBy / Object.groupBy (Node 21+) when it
// reports failures; without these polyfills a failing test crashes the reporter instead of being shown.
function groupBy(items, keyOf, make, add) {
  const out = make();
  let i = 0;
  for (const item of items) add(out, keyOf(item, i++), item);
  return out;
}
if (typeof Map.groupBy !== 'function') {
  Map.groupBy = (items, keyOf) =>
    groupBy(items, keyOf, () => new Map(), (m, k, v) => (m.has(k) ? m.get(k).push(v) : m.set(k, [v])));
}
if (typeof Object.groupBy !== 'function') {
  Object.groupBy = (items, keyOf) =>
    groupBy(items, keyOf, () => Object.create(null), (o, k, v) => (o[k] ? o[k].push(v) : (o[k] = [v])));
}
// the package's own bin (its exports map hides dist/)
const { createRequire } = await import('node:module');
const { pathToFileURL } = await import('node:url');
const path = await import('node:path');
const bin = path.join(path.dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
await import(pathToFileURL(bin).href);
