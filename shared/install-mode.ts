/**
 * What this copy of Qorgan is, chosen once at set-up and kept in the DB (`meta` 'install_mode'): a school's office
 * (pupils, cases, council, plans) or a district education department's (the district view: schools' certificates,
 * their report files merged; no pupil and no case). The registry refuses the school's methods in district mode
 * (electron/core/district/mode.ts). A file of its own: shared/auth.ts needs it without the district's contract.
 */
import { z } from 'zod';

export const INSTALL_MODES = ['school', 'district'] as const;
export const installModeSchema = z.enum(INSTALL_MODES);
export type InstallMode = z.infer<typeof installModeSchema>;
