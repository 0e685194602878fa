import { z } from 'zod';
import { method } from './contract';

export interface Settings {
  idleLockMinutes: number;
}

export const settingsSchema = z
  .object({
    idleLockMinutes: z.number().int().min(1).max(240),
  })
  .strict();

export const settingsMethods = {
  'settings.get': method<Settings>()(z.object({}).strict()),
  'settings.update': method<Settings>()(settingsSchema.partial().strict()),
} as const;
