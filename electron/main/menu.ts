/**
 * The application menu: lock (Ctrl+L), quit, the edit commands and zoom — in Kazakh or Russian, following the
 * UI language the core reports. Devtools and reload only in development.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { Language } from '../../shared/roles';

export const LOCK_ACCELERATOR = 'CmdOrCtrl+L';

const LABELS = {
  kk: {
    app: 'Қорған',
    lock: 'Құлыптау',
    quit: 'Шығу',
    edit: 'Түзету',
    undo: 'Болдырмау',
    redo: 'Қайталау',
    cut: 'Қиып алу',
    copy: 'Көшіру',
    paste: 'Қою',
    selectAll: 'Барлығын белгілеу',
    view: 'Көрініс',
    zoomIn: 'Үлкейту',
    zoomOut: 'Кішірейту',
    resetZoom: 'Бастапқы өлшем',
    fullscreen: 'Толық экран',
    reload: 'Қайта жүктеу',
    devTools: 'Әзірлеуші құралдары',
  },
  ru: {
    app: 'Қорған',
    lock: 'Заблокировать',
    quit: 'Выход',
    edit: 'Правка',
    undo: 'Отменить',
    redo: 'Повторить',
    cut: 'Вырезать',
    copy: 'Копировать',
    paste: 'Вставить',
    selectAll: 'Выделить всё',
    view: 'Вид',
    zoomIn: 'Увеличить',
    zoomOut: 'Уменьшить',
    resetZoom: 'Исходный размер',
    fullscreen: 'Во весь экран',
    reload: 'Перезагрузить',
    devTools: 'Инструменты разработчика',
  },
} as const satisfies Record<Language, Record<string, string>>;

export interface MenuActions {
  lock(): void;
  quit(): void;
}

export function buildMenuTemplate(language: Language, actions: MenuActions, options: { dev: boolean }): MenuItemConstructorOptions[] {
  const t = LABELS[language];
  const view: MenuItemConstructorOptions[] = [
    { label: t.zoomIn, role: 'zoomIn' },
    { label: t.zoomOut, role: 'zoomOut' },
    { label: t.resetZoom, role: 'resetZoom' },
    { type: 'separator' },
    { label: t.fullscreen, role: 'togglefullscreen' },
  ];
  if (options.dev) {
    view.push({ type: 'separator' }, { label: t.reload, role: 'reload' }, { label: t.devTools, role: 'toggleDevTools' });
  }
  return [
    {
      label: t.app,
      submenu: [
        { id: 'lock', label: t.lock, accelerator: LOCK_ACCELERATOR, click: () => actions.lock() },
        { type: 'separator' },
        { id: 'quit', label: t.quit, accelerator: 'CmdOrCtrl+Q', click: () => actions.quit() },
      ],
    },
    {
      label: t.edit,
      submenu: [
        { label: t.undo, role: 'undo' },
        { label: t.redo, role: 'redo' },
        { type: 'separator' },
        { label: t.cut, role: 'cut' },
        { label: t.copy, role: 'copy' },
        { label: t.paste, role: 'paste' },
        { label: t.selectAll, role: 'selectAll' },
      ],
    },
    { label: t.view, submenu: view },
  ];
}
