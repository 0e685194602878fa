/**
 * The first-day guides (shared/help.ts): any signed-in account reads, prints or saves them. Reads, not audited one
 * by one: nothing about a pupil is read.
 */
import fs from 'node:fs';
import type { FirstDayAudience } from '../../../shared/help';
import type { Db } from '../db/types';
import type { DocLang } from '../documents/types';
import { AppError } from '../errors';
import type { HandlersFor } from '../registry';
import { firstDayFileName, renderFirstDayGuide } from './first-day';

async function guide(db: Db, audience: FirstDayAudience, lang: DocLang, now: Date): Promise<Buffer> {
  const r = await db.selectFrom('school').select(['name_kk', 'name_ru']).where('id', '=', 1).executeTakeFirst();
  return renderFirstDayGuide(audience, lang, r ? { nameKk: r.name_kk, nameRu: r.name_ru } : null, now);
}

/** the account's dismissal, a key of the `meta` table (no pupil data; no migration needed) */
const dismissedKey = (accountId: string) => `first_day_dismissed:${accountId}`;

export const helpHandlers: HandlersFor<'help'> = {
  'help.firstDay': {
    access: 'authenticated',
    kind: 'read',
    handler: async ({ db, session }) => {
      if (!session) return { dismissed: false };
      const r = await db.selectFrom('meta').select('key').where('key', '=', dismissedKey(session.accountId)).executeTakeFirst();
      return { dismissed: r !== undefined };
    },
  },
  'help.dismissFirstDay': {
    access: 'authenticated',
    kind: 'write',
    entity: 'account',
    entityId: () => null,
    handler: async ({ db, session, now }) => {
      if (!session) return null;
      await db
        .insertInto('meta')
        .values({ key: dismissedKey(session.accountId), value: now.toISOString() })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: now.toISOString() }))
        .execute();
      return null;
    },
  },
  'help.firstDayPdf': {
    access: 'authenticated',
    kind: 'read',
    handler: async ({ db, now }, input) => ({
      pdfBase64: (await guide(db, input.audience, input.language, now)).toString('base64'),
      fileName: firstDayFileName(input.audience, input.language),
    }),
  },
  'help.firstDayPrint': {
    access: 'authenticated',
    kind: 'read',
    handler: async ({ db, platform, now }, input) => {
      const pdf = await guide(db, input.audience, input.language, now);
      await platform.printPdf(new Uint8Array(pdf), { title: firstDayFileName(input.audience, input.language) });
      return null;
    },
  },
  'help.firstDaySave': {
    access: 'authenticated',
    kind: 'read',
    handler: async ({ db, platform, now }, input) => {
      const pdf = await guide(db, input.audience, input.language, now);
      const name = firstDayFileName(input.audience, input.language);
      const target = await platform.chooseSaveFile({ title: name, defaultName: name, filters: [{ name: 'PDF', extensions: ['pdf'] }] });
      if (!target) return { saved: false };
      try {
        fs.writeFileSync(target, pdf);
      } catch {
        throw new AppError('documents.write_failed', 'the guide could not be written');
      }
      return { saved: true };
    },
  },
};
