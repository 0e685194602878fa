/**
 * Removable drives for the backup screen, through systeminformation (lsblk on Linux, WMI/PowerShell on Windows,
 * diskutil on macOS). The shell's platform calls `listRemovableDrives()`; the core itself stays electron-free and
 * tests give their own list.
 */
import si from 'systeminformation';
import type { RemovableDrive } from '../platform';

export interface BlockDevice {
  name: string;
  type: string;
  mount: string;
  size: number;
  label: string;
  removable: boolean;
  protocol: string;
}

export interface FsSize {
  mount: string;
  size: number;
  available: number;
  rw: boolean | null;
}

const SYSTEM_MOUNTS = /^(\/|\/boot(\/.*)?|\/usr|\/var|\/home|\/snap\/.*|[A-Za-z]:\\?Windows)$/;

/** Normalises a Windows drive letter ("E:" → "E:\") and trims trailing slashes elsewhere. */
function mountPath(mount: string): string {
  if (/^[A-Za-z]:$/.test(mount)) return `${mount}\\`;
  return mount.length > 1 ? mount.replace(/[\\/]+$/, '') || mount : mount;
}

/** Mounted, writable, removable (or USB) volumes, largest first. Pure: the parts systeminformation reports. */
export function removableDrives(devices: readonly BlockDevice[], sizes: readonly FsSize[]): RemovableDrive[] {
  const byMount = new Map(sizes.map((s) => [mountPath(s.mount).toLowerCase(), s]));
  const seen = new Set<string>();
  const out: RemovableDrive[] = [];
  for (const d of devices) {
    if (!d.mount) continue;
    const removable = d.removable || d.protocol.toLowerCase() === 'usb';
    if (!removable) continue;
    const mp = mountPath(d.mount);
    if (SYSTEM_MOUNTS.test(mp) || seen.has(mp.toLowerCase())) continue;
    const fsInfo = byMount.get(mp.toLowerCase());
    if (fsInfo && fsInfo.rw === false) continue;
    seen.add(mp.toLowerCase());
    out.push({
      mountPath: mp,
      label: d.label || d.name || mp,
      sizeBytes: fsInfo?.size || d.size,
      freeBytes: fsInfo ? fsInfo.available : null,
    });
  }
  return out.sort((a, b) => b.sizeBytes - a.sizeBytes);
}

export async function listRemovableDrives(): Promise<RemovableDrive[]> {
  const [devices, sizes] = await Promise.all([si.blockDevices(), si.fsSize().catch(() => [] as FsSize[])]);
  return removableDrives(devices, sizes);
}
