/**
 * The packaged test build for the Electron smoke test (tests/electron/, `npm run dist:smoke`): the same
 * configuration as electron-builder.yml, unpacked (--dir) into release-smoke/, with ONE difference — the
 * `enableNodeCliInspectArguments` fuse stays on, because Playwright drives Electron's main process through
 * --inspect and cannot launch an app whose fuse is off. The installers in release/ keep the fuse off; never ship
 * this build.
 */
const fs = require('node:fs');
const path = require('node:path');
const yaml = require('js-yaml');

const base = yaml.load(fs.readFileSync(path.join(__dirname, 'electron-builder.yml'), 'utf8'));

module.exports = {
  ...base,
  directories: { ...base.directories, output: 'release-smoke' },
  electronFuses: { ...base.electronFuses, enableNodeCliInspectArguments: true },
};
