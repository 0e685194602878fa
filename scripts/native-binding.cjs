// Preloaded with `node --require` (through NODE_OPTIONS, so child processes get it too) when the tests run on a Node
// other than the one whose ABI node_modules was built for: every better-sqlite3-multiple-ciphers connection then
// opens with the `nativeBinding` named by QORGAN_NATIVE_BINDING (built by scripts/node-of-electron.mjs into its own
// folder; the Node build in node_modules is never replaced). Without the variable it does nothing.
'use strict';
const file = process.env.QORGAN_NATIVE_BINDING;
if (file) {
  const fs = require('node:fs');
  if (!fs.existsSync(file)) throw new Error(`QORGAN_NATIVE_BINDING: ${file} does not exist`);
  const id = require.resolve('better-sqlite3-multiple-ciphers', { paths: [process.cwd(), __dirname] });
  const Database = require(id);
  // a constructor that returns the real connection: `instanceof`, statics and the prototype stay the driver's own
  function WithBinding(filename, options) {
    const given = options && typeof options === 'object' ? options : {};
    return new Database(filename, { ...given, nativeBinding: given.nativeBinding ?? file });
  }
  Object.setPrototypeOf(WithBinding, Database);
  WithBinding.prototype = Database.prototype;
  require.cache[id].exports = WithBinding;
}
