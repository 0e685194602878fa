// Preloaded with `node --require` (through NODE_OPTIONS, so child processes get it too) when the tests run on a Node
// other than the one whose ABI node_modules was built for: better-sqlite3-multiple-ciphers then loads its default
// addon from QORGAN_NATIVE_BINDING (built by scripts/node-of-electron.mjs into its own folder; the Node build in
// node_modules is never replaced). A connection opened with an explicit `nativeBinding` keeps it. The driver finds
// its default addon through the `bindings` package, which is answered here, so CommonJS and ESM importers of the
// driver alike get the right build. Without the variable it does nothing.
'use strict';
const file = process.env.QORGAN_NATIVE_BINDING;
if (file) {
  const fs = require('node:fs');
  const path = require('node:path');
  if (!fs.existsSync(file)) throw new Error(`QORGAN_NATIVE_BINDING: ${file} does not exist`);
  const driver = require.resolve('better-sqlite3-multiple-ciphers', { paths: [process.cwd(), __dirname] });
  const bindingsId = require.resolve('bindings', { paths: [path.dirname(driver)] });
  const bindings = require(bindingsId);
  const patched = function bindingsForThisNode(opts) {
    const name = typeof opts === 'string' ? opts : opts && opts.bindings;
    return name === 'better_sqlite3.node' ? require(file) : bindings(opts);
  };
  Object.assign(patched, bindings);
  require.cache[bindingsId].exports = patched;
}
