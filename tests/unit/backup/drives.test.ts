import { describe, expect, it } from 'vitest';
import { listRemovableDrives, removableDrives, type BlockDevice } from '../../../electron/core/backup/drives';

const dev = (d: Partial<BlockDevice>): BlockDevice => ({ name: '', type: 'part', mount: '', size: 0, label: '', removable: false, protocol: '', ...d });

describe('removable drives', () => {
  it('lists mounted USB sticks with their free space, not the system disk or unmounted devices (Linux)', () => {
    const drives = removableDrives(
      [
        dev({ name: 'sda', type: 'disk', size: 500e9 }),
        dev({ name: 'sda1', mount: '/', size: 500e9 }),
        dev({ name: 'sdb', type: 'disk', removable: true, protocol: 'usb', size: 16e9 }),
        dev({ name: 'sdb1', mount: '/media/teacher/KINGSTON', label: 'KINGSTON', removable: true, protocol: 'usb', size: 16e9 }),
        dev({ name: 'sdc1', mount: '/media/teacher/SD', removable: true, size: 8e9 }),
      ],
      [
        { mount: '/', size: 500e9, available: 100e9, rw: true },
        { mount: '/media/teacher/KINGSTON', size: 15.9e9, available: 12e9, rw: true },
      ],
    );
    expect(drives).toEqual([
      { mountPath: '/media/teacher/KINGSTON', label: 'KINGSTON', sizeBytes: 15.9e9, freeBytes: 12e9 },
      { mountPath: '/media/teacher/SD', label: 'sdc1', sizeBytes: 8e9, freeBytes: null },
    ]);
  });

  it('gives Windows drive letters as roots and skips read-only volumes', () => {
    const drives = removableDrives(
      [
        dev({ name: 'C:', type: 'disk', mount: 'C:', size: 256e9 }),
        dev({ name: 'E:', type: 'disk', mount: 'E:', label: 'BACKUP', removable: true, size: 32e9 }),
        dev({ name: 'F:', type: 'disk', mount: 'F:', label: 'LOCKED', removable: true, size: 4e9 }),
      ],
      [
        { mount: 'E:', size: 32e9, available: 30e9, rw: true },
        { mount: 'F:', size: 4e9, available: 1e9, rw: false },
      ],
    );
    expect(drives).toEqual([{ mountPath: 'E:\\', label: 'BACKUP', sizeBytes: 32e9, freeBytes: 30e9 }]);
  });

  it('asks the real system without failing (this machine has no stick)', async () => {
    const drives = await listRemovableDrives();
    expect(Array.isArray(drives)).toBe(true);
    for (const d of drives) expect(d.mountPath).not.toBe('/');
  });
});
