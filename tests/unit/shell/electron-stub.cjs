/* A CommonJS stand-in for 'electron' used to run the built dist bundle (main.cjs) under plain Node in
 * bundle.test.ts. After 'ready' it drives a short scenario through the registered IPC handler and the menu, prints
 * one line `SMOKE <json>` and quits the way Electron would. */
'use strict';
const { fork } = require('node:child_process');
const { EventEmitter } = require('node:events');
const fs = require('node:fs');

const log = { windows: [], protocols: [], menus: [], permissionHandlers: 0, schemes: [] };
const ipcHandlers = new Map();

class WebContents extends EventEmitter {
  constructor() { super(); this.sent = []; }
  setWindowOpenHandler(h) { this.openHandler = h; }
  send(ch) { this.sent.push(ch); }
  isDestroyed() { return false; }
}
class BrowserWindow extends EventEmitter {
  constructor(options) { super(); this.options = options; this.webContents = new WebContents(); log.windows.push(this); }
  async loadURL(url) { this.url = url; }
  show() {} focus() {} restore() {} isMinimized() { return false; } isDestroyed() { return false; } destroy() {}
  static getAllWindows() { return log.windows; }
}
class Session extends EventEmitter {
  constructor() {
    super();
    this.protocol = { handle: (scheme, fn) => { this.handler = fn; log.protocols.push(scheme); } };
    this.webRequest = { onBeforeRequest: () => {} };
  }
  setPermissionRequestHandler() { log.permissionHandlers++; }
  setPermissionCheckHandler() {}
  setDevicePermissionHandler() {}
}
/* utilityProcess: a Node child with a structured-clone IPC channel; the core's entry talks over it where Electron
 * would give it process.parentPort */
const utilityForks = [];
class UtilityProcess extends EventEmitter {
  constructor(modulePath, args, options) {
    super();
    this.options = options;
    this.cp = fork(modulePath, args, { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.cp.on('message', (m) => this.emit('message', m));
    this.cp.on('exit', (code, signal) => this.emit('exit', code == null ? (signal ? 1 : 0) : code));
    utilityForks.push(this);
  }
  get pid() { return this.cp.pid; }
  postMessage(m) { if (this.cp.connected) this.cp.send(m); }
  kill() { return this.cp.kill(); }
}
const sessions = new Map();
const defaultSession = new Session();

const app = new EventEmitter();
let quitting = 0;
Object.assign(app, {
  isPackaged: false,
  setPath() {}, setAppUserModelId() {}, enableSandbox() {},
  requestSingleInstanceLock: () => true,
  getPath: (name) => (name === 'userData' ? process.env.STUB_USER_DATA : '/tmp'),
  getAppPath: () => process.env.STUB_APP_PATH,
  whenReady: () => new Promise((resolve) => setTimeout(resolve, 10)),
  quit() {
    quitting++;
    const e = { prevented: false, preventDefault() { this.prevented = true; } };
    app.emit('will-quit', e);
    if (!e.prevented) {
      // like Electron, which waits for its utility processes: report whether the core's process had ended
      console.log('CORE-EXITED ' + JSON.stringify(utilityForks.map((u) => u.cp.exitCode)));
      setTimeout(() => process.exit(0), 10);
    }
  },
});

function findMenuItem(items, id) {
  for (const i of items || []) {
    if (i.id === id) return i;
    const inner = findMenuItem(i.submenu, id);
    if (inner) return inner;
  }
  return null;
}

async function scenario() {
  const handler = ipcHandlers.get('qorgan:invoke');
  const event = { senderFrame: { url: 'app://qorgan/index.html', parent: null } };
  const call = (method, input) => handler(event, { method, input });
  const out = {};
  out.status1 = await call('auth.status', {});
  const setup = JSON.parse(process.env.STUB_SETUP);
  out.setup = (await call('auth.setup', setup)).ok;
  out.status2 = (await call('auth.status', {})).value.state;
  findMenuItem(log.menus[log.menus.length - 1], 'lock').click();
  await new Promise((r) => setTimeout(r, 200));
  out.status3 = (await call('auth.status', {})).value.state;
  out.foreign = await handler({ senderFrame: { url: 'file:///x', parent: null } }, { method: 'auth.status', input: {} });
  const win = log.windows[0];
  out.window = { url: win.url, webPreferences: win.options.webPreferences, sent: win.webContents.sent };
  out.preloadExists = fs.existsSync(win.options.webPreferences.preload);
  const res = await sessions.get(win.options.webPreferences.partition).handler(new Request('app://qorgan/index.html'));
  out.page = { status: res.status, csp: res.headers.get('content-security-policy') };
  out.protocols = log.protocols;
  out.coreProcess = { count: utilityForks.length, serviceName: utilityForks[0] && utilityForks[0].options.serviceName, pid: utilityForks[0] && utilityForks[0].pid, mainPid: process.pid };
  out.schemes = log.schemes;
  console.log('SMOKE ' + JSON.stringify(out));
  app.quit();
}

app.on('newListener', () => {});
setTimeout(() => {
  const wait = setInterval(() => {
    if (ipcHandlers.has('qorgan:invoke') && log.windows.length) {
      clearInterval(wait);
      scenario().catch((e) => { console.log('SMOKE-ERROR ' + (e && e.stack)); process.exit(2); });
    }
  }, 20);
}, 20);

module.exports = {
  app,
  BrowserWindow,
  ipcMain: { handle: (ch, fn) => ipcHandlers.set(ch, fn), removeHandler: (ch) => ipcHandlers.delete(ch) },
  Menu: { buildFromTemplate: (t) => t, setApplicationMenu: (m) => log.menus.push(m) },
  powerMonitor: new EventEmitter(),
  protocol: { registerSchemesAsPrivileged: (s) => log.schemes.push(...s) },
  session: {
    fromPartition: (p) => { if (!sessions.has(p)) sessions.set(p, new Session()); return sessions.get(p); },
    defaultSession,
  },
  utilityProcess: { fork: (modulePath, args, options) => new UtilityProcess(modulePath, args || [], options || {}) },
  dialog: { showSaveDialog: async () => ({ canceled: true }), showOpenDialog: async () => ({ canceled: true, filePaths: [] }) },
};
