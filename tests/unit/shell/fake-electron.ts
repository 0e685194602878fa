/**
 * A stand-in for the 'electron' module (the binary cannot run here). It records what the shell asks of Electron
 * and lets a test fire the events Electron would fire. Use with
 *   vi.mock('electron', async () => (await import('./fake-electron')).electronModule);
 * and call resetFakeElectron() in beforeEach.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';

export interface PreventableEvent {
  prevented: boolean;
  preventDefault(): void;
  [key: string]: unknown;
}

export function preventable(fields: Record<string, unknown> = {}): PreventableEvent {
  const e: PreventableEvent = {
    ...fields,
    prevented: false,
    preventDefault() {
      e.prevented = true;
    },
  };
  return e;
}

type PrintCallback = (success: boolean, failureReason: string) => void;

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  sent: unknown[][] = [];
  destroyed = false;
  printed: { options: unknown; callback: PrintCallback }[] = [];
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  print(options: unknown, callback: PrintCallback): void {
    this.printed.push({ options, callback });
    state.onPrint(this, callback);
  }
  /** fires a cancellable event the way Electron does (event first) and tells whether a listener cancelled it */
  fire(name: string, fields: Record<string, unknown>, ...rest: unknown[]): boolean {
    const e = preventable(fields);
    this.emit(name, e, ...rest);
    return e.prevented;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.instances.filter((w) => !w.destroyed);
  }
  webContents = new FakeWebContents();
  loadedUrls: string[] = [];
  destroyed = false;
  visible = false;
  minimized = false;
  focused = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
  }
  async loadURL(url: string): Promise<void> {
    this.loadedUrls.push(url);
    await state.onLoad(this, url);
  }
  show(): void {
    this.visible = true;
  }
  focus(): void {
    this.focused = true;
  }
  restore(): void {
    this.minimized = false;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
  close(): void {
    this.destroy();
  }
}

/**
 * Electron's utilityProcess, played by a Node child process with an IPC channel in the structured-clone
 * serialisation Electron's MessagePort uses. The main side sees Electron's API (postMessage, 'message' with the
 * data, 'exit' with a code, kill); the child (electron/core/host/entry.ts) talks over Node's IPC channel where
 * Electron would give it process.parentPort.
 */
export class FakeUtilityProcess extends EventEmitter {
  readonly process: ChildProcess;
  posted: unknown[] = [];
  constructor(
    readonly modulePath: string,
    readonly args: string[],
    readonly options: { serviceName?: string; stdio?: unknown },
  ) {
    super();
    this.process = fork(modulePath, args, { serialization: 'advanced', stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
    this.process.on('spawn', () => this.emit('spawn'));
    this.process.on('message', (m) => this.emit('message', m));
    this.process.on('exit', (code, signal) => this.emit('exit', code ?? (signal ? 1 : 0)));
  }
  get pid(): number | undefined {
    return this.process.pid;
  }
  postMessage(message: unknown): void {
    this.posted.push(message);
    if (this.process.connected) this.process.send(message as object);
  }
  kill(): boolean {
    return this.process.kill();
  }
  get running(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }
}

type Handler = (...args: never[]) => unknown;

export class FakeSession extends EventEmitter {
  permissionRequestHandler: Handler | null = null;
  permissionCheckHandler: Handler | null = null;
  devicePermissionHandler: Handler | null = null;
  beforeRequest: ((details: { url: string }, cb: (r: { cancel?: boolean }) => void) => void) | null = null;
  protocolHandlers = new Map<string, (request: Request) => Promise<Response> | Response>();
  constructor(readonly partition: string) {
    super();
  }
  protocol = {
    handle: (scheme: string, handler: (request: Request) => Promise<Response> | Response) => {
      this.protocolHandlers.set(scheme, handler);
    },
  };
  webRequest = {
    onBeforeRequest: (handler: (details: { url: string }, cb: (r: { cancel?: boolean }) => void) => void) => {
      this.beforeRequest = handler;
    },
  };
  setPermissionRequestHandler(h: Handler): void {
    this.permissionRequestHandler = h;
  }
  setPermissionCheckHandler(h: Handler): void {
    this.permissionCheckHandler = h;
  }
  setDevicePermissionHandler(h: Handler): void {
    this.devicePermissionHandler = h;
  }
}

class FakeApp extends EventEmitter {
  calls: string[] = [];
  paths: Record<string, string> = { userData: '/nonexistent/userData', documents: '/nonexistent/documents' };
  appPath = '/nonexistent/app';
  isPackaged = false;
  gotLock = true;
  quitCount = 0;
  readyResolve: (() => void) | null = null;
  readonly ready: Promise<void>;
  constructor() {
    super();
    this.ready = new Promise<void>((resolve) => {
      this.readyResolve = resolve;
    });
  }
  setPath(name: string, value: string): void {
    this.calls.push(`setPath:${name}`);
    this.paths[name] = value;
  }
  getPath(name: string): string {
    const p = this.paths[name];
    if (!p) throw new Error(`no path ${name}`);
    return p;
  }
  getAppPath(): string {
    return this.appPath;
  }
  setAppUserModelId(): void {
    this.calls.push('setAppUserModelId');
  }
  enableSandbox(): void {
    this.calls.push('enableSandbox');
  }
  requestSingleInstanceLock(): boolean {
    this.calls.push('requestSingleInstanceLock');
    return this.gotLock;
  }
  quit(): void {
    this.calls.push('quit');
    this.quitCount++;
    // like Electron: quitting fires will-quit, which a listener may cancel
    const e = preventable();
    this.emit('will-quit', e);
  }
  whenReady(): Promise<void> {
    this.calls.push('whenReady');
    return this.ready;
  }
  /** Electron emits 'ready' by itself; a test decides when */
  makeReady(): void {
    this.calls.push('ready');
    this.readyResolve?.();
  }
}

class FakeIpcMain {
  handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  handle(channel: string, fn: (event: unknown, ...args: unknown[]) => unknown): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, fn);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
}

interface MenuItem {
  id?: string;
  label?: string;
  role?: string;
  accelerator?: string;
  click?: () => void;
  submenu?: MenuItem[];
  type?: string;
}

class FakeIpcRenderer extends EventEmitter {
  invoked: unknown[][] = [];
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push([channel, ...args]);
    return { ok: true, value: 'from-main' };
  }
}

const state = {
  app: new FakeApp(),
  ipcMain: new FakeIpcMain(),
  sessions: new Map<string, FakeSession>(),
  defaultSession: new FakeSession('default'),
  privilegedSchemes: [] as unknown[],
  menus: [] as MenuItem[][],
  powerMonitor: new EventEmitter(),
  dialogAnswers: [] as { canceled: boolean; filePath?: string; filePaths?: string[] }[],
  dialogCalls: [] as { kind: string; args: unknown[] }[],
  exposed: new Map<string, unknown>(),
  ipcRenderer: new FakeIpcRenderer(),
  utilityProcesses: [] as FakeUtilityProcess[],
  onLoad: async (_w: FakeBrowserWindow, _url: string): Promise<void> => undefined,
  onPrint: (_wc: FakeWebContents, cb: PrintCallback): void => cb(true, ''),
};

export const fake = state;

export function resetFakeElectron(): void {
  state.app = new FakeApp();
  state.ipcMain = new FakeIpcMain();
  state.sessions = new Map();
  state.defaultSession = new FakeSession('default');
  state.privilegedSchemes = [];
  state.menus = [];
  state.powerMonitor = new EventEmitter();
  state.dialogAnswers = [];
  state.dialogCalls = [];
  state.exposed = new Map();
  state.ipcRenderer = new FakeIpcRenderer();
  // a test that forgot to dispose its core leaves no process behind
  for (const p of state.utilityProcesses) if (p.running) p.process.kill('SIGKILL');
  state.utilityProcesses = [];
  state.onLoad = async () => undefined;
  state.onPrint = (_wc, cb) => cb(true, '');
  FakeBrowserWindow.instances = [];
}

/** the last application menu's item with this id */
export function menuItem(id: string): MenuItem | undefined {
  const menu = state.menus.at(-1) ?? [];
  const walk = (items: MenuItem[]): MenuItem | undefined => {
    for (const i of items) {
      if (i.id === id) return i;
      const inner = i.submenu ? walk(i.submenu) : undefined;
      if (inner) return inner;
    }
    return undefined;
  };
  return walk(menu);
}

export const electronModule = {
  get app() {
    return state.app;
  },
  BrowserWindow: FakeBrowserWindow,
  get ipcMain() {
    return state.ipcMain;
  },
  Menu: {
    buildFromTemplate: (template: MenuItem[]) => template,
    setApplicationMenu: (menu: MenuItem[]) => {
      state.menus.push(menu);
    },
  },
  get powerMonitor() {
    return state.powerMonitor;
  },
  protocol: {
    registerSchemesAsPrivileged: (schemes: unknown[]) => {
      state.app.calls.push('registerSchemesAsPrivileged');
      state.privilegedSchemes.push(...schemes);
    },
  },
  session: {
    fromPartition: (partition: string) => {
      let s = state.sessions.get(partition);
      if (!s) {
        s = new FakeSession(partition);
        state.sessions.set(partition, s);
      }
      return s;
    },
    get defaultSession() {
      return state.defaultSession;
    },
  },
  dialog: {
    showSaveDialog: async (...args: unknown[]) => {
      state.dialogCalls.push({ kind: 'save', args });
      return state.dialogAnswers.shift() ?? { canceled: true };
    },
    showOpenDialog: async (...args: unknown[]) => {
      state.dialogCalls.push({ kind: 'open', args });
      return state.dialogAnswers.shift() ?? { canceled: true, filePaths: [] };
    },
  },
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => {
      if (state.exposed.has(key)) throw new Error(`${key} exposed twice`);
      state.exposed.set(key, api);
    },
  },
  get ipcRenderer() {
    return state.ipcRenderer;
  },
  utilityProcess: {
    fork: (modulePath: string, args: string[] = [], options: { serviceName?: string; stdio?: unknown } = {}) => {
      const p = new FakeUtilityProcess(modulePath, args, options);
      state.utilityProcesses.push(p);
      return p;
    },
  },
};

export default electronModule;
