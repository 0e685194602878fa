import { z } from 'zod';

export const ROLES = [
  'director',
  'deputy_director',
  'psychologist',
  'social_pedagogue',
  'council_secretary',
  'class_teacher',
  'administrator',
] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const LANGUAGES = ['kk', 'ru'] as const;
export const languageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof languageSchema>;
