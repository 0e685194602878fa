/**
 * Help (issue 15 item 8): the printable one-page "first day" guides, one for the director and one for the
 * psychologist, in Kazakh and Russian. They hold no pupil data and are not registered documents: any signed-in
 * account prints or saves them. The per-screen help texts are renderer data (renderer/src/features/help/texts/).
 */
import { z } from 'zod';
import { method } from './contract';
import { languageSchema } from './roles';

export const FIRST_DAY_AUDIENCES = ['director', 'psychologist'] as const;
export const firstDayAudienceSchema = z.enum(FIRST_DAY_AUDIENCES);
export type FirstDayAudience = z.infer<typeof firstDayAudienceSchema>;

const guide = z.object({ audience: firstDayAudienceSchema, language: languageSchema }).strict();

export const helpMethods = {
  /** the guide as a PDF (base64) with the file name to save it under */
  'help.firstDayPdf': method<{ pdfBase64: string; fileName: string }>()(guide),
  /** print the guide through the shell's printing */
  'help.firstDayPrint': method<null>()(guide),
  /** save the guide where the user chooses; false when cancelled */
  'help.firstDaySave': method<{ saved: boolean }>()(guide),
  /** whether this account has put the guide away from its home screen */
  'help.firstDay': method<{ dismissed: boolean }>()(z.object({}).strict()),
  /** put the guide away from the home screen (it stays in the help panel) */
  'help.dismissFirstDay': method<null>()(z.object({}).strict()),
} as const;
