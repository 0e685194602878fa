/* node -r this-file main.cjs: resolves require('electron') to the stub beside this file. */
'use strict';
const Module = require('node:module');
const path = require('node:path');
const original = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === 'electron') return path.join(__dirname, 'electron-stub.cjs');
  return original.call(this, request, ...rest);
};
