/**
 * The per-screen help (issue 15 item 8) as data: texts/kk.json and texts/ru.json, keyed by the route's path
 * (renderer/src/app/routes.tsx). For each screen: what it is for, who may do what, where its data goes. Written for
 * a school psychologist in plain Kazakh and Russian; checked here with zod when the bundle loads and by
 * tests/unit/help-texts.test.ts (every route has a text in both languages, no English).
 */
import { z } from 'zod';
import type { Language } from '../../../../shared/roles';
import kk from './texts/kk.json';
import ru from './texts/ru.json';

const line = z.string().trim().min(1).max(600);

export const screenHelpSchema = z.object({ what: line, who: z.array(line).min(1).max(5), data: z.array(line).min(1).max(5) }).strict();
export type ScreenHelp = z.infer<typeof screenHelpSchema>;

export const helpPanelSchema = z
  .object({
    open: line,
    title: line,
    what: line,
    who: line,
    data: line,
    close: line,
    firstDay: line,
    firstDayHint: line,
    forDirector: line,
    forPsychologist: line,
    print: line,
    save: line,
    printSent: line,
    saved: line,
    dismiss: line,
    homeTitle: line,
    homeText: line,
  })
  .strict();
export type HelpPanelWords = z.infer<typeof helpPanelSchema>;

export const helpTextsSchema = z.object({ panel: helpPanelSchema, screens: z.record(z.string().regex(/^\/[a-z/]*$/u), screenHelpSchema) }).strict();
export type HelpTexts = z.infer<typeof helpTextsSchema>;

export const HELP_TEXTS: Record<Language, HelpTexts> = { kk: helpTextsSchema.parse(kk), ru: helpTextsSchema.parse(ru) };

export function screenHelp(path: string, lang: Language): ScreenHelp | null {
  return HELP_TEXTS[lang].screens[path] ?? null;
}

export function helpWords(lang: Language): HelpPanelWords {
  return HELP_TEXTS[lang].panel;
}
