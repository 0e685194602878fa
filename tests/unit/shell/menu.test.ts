import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const { buildMenuTemplate, LOCK_ACCELERATOR } = await import('../../../electron/main/menu');

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])]);
}

describe('application menu', () => {
  it('locks on Ctrl+L (Cmd+L on macOS) and quits from its item', () => {
    const lock = vi.fn();
    const quit = vi.fn();
    const items = flatten(buildMenuTemplate('kk', { lock, quit }, { dev: false }));
    const lockItem = items.find((i) => i.accelerator === LOCK_ACCELERATOR);
    expect(LOCK_ACCELERATOR).toBe('CmdOrCtrl+L');
    expect(lockItem?.id).toBe('lock');
    (lockItem?.click as () => void)();
    expect(lock).toHaveBeenCalledTimes(1);
    expect(quit).not.toHaveBeenCalled();
    (items.find((i) => i.id === 'quit')?.click as () => void)();
    expect(quit).toHaveBeenCalledTimes(1);
  });

  it('speaks Kazakh or Russian only: every label has Cyrillic letters and the two differ', () => {
    for (const lang of ['kk', 'ru'] as const) {
      for (const dev of [false, true]) {
        const labelled = flatten(buildMenuTemplate(lang, { lock: () => undefined, quit: () => undefined }, { dev })).filter((i) => i.type !== 'separator');
        for (const i of labelled) expect(i.label, `${lang} ${i.role ?? i.id}`).toMatch(/^[^A-Za-z]*[\u0400-\u04FF][^A-Za-z]*$/);
      }
    }
    const kk = flatten(buildMenuTemplate('kk', { lock: () => undefined, quit: () => undefined }, { dev: false }));
    const ru = flatten(buildMenuTemplate('ru', { lock: () => undefined, quit: () => undefined }, { dev: false }));
    expect(kk.find((i) => i.id === 'lock')?.label).toBe('Құлыптау');
    expect(ru.find((i) => i.id === 'lock')?.label).toBe('Заблокировать');
  });

  it('offers reload and devtools only in development', () => {
    const roles = (dev: boolean) => flatten(buildMenuTemplate('kk', { lock: () => undefined, quit: () => undefined }, { dev })).map((i) => i.role);
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(false)).not.toContain('reload');
    expect(roles(true)).toContain('toggleDevTools');
  });
});
