/**
 * The reference texts and the teachers' sheet: any signed-in account (the texts hold no pupil data). Reads, not
 * audited one by one: nothing about a child is read.
 */
import fs from 'node:fs';
import type { HandlersFor } from '../registry';
import { AppError } from '../errors';
import type { Db } from '../db/types';
import { renderReferenceSheet, referenceSheetFileName } from './sheet';
import { referenceTexts } from './texts';
import type { DocLang } from '../documents/types';

async function schoolNames(db: Db): Promise<{ nameKk: string; nameRu: string } | null> {
  const r = await db.selectFrom('school').select(['name_kk', 'name_ru']).where('id', '=', 1).executeTakeFirst();
  return r ? { nameKk: r.name_kk, nameRu: r.name_ru } : null;
}

async function sheet(db: Db, lang: DocLang): Promise<Buffer> {
  return renderReferenceSheet(referenceTexts(), lang, await schoolNames(db));
}

export const referenceHandlers: HandlersFor<'reference'> = {
  'reference.texts': {
    access: 'authenticated',
    kind: 'read',
    handler: async () => referenceTexts(),
  },
  'reference.pdf': {
    access: 'authenticated',
    kind: 'read',
    handler: async ({ db }, input) => ({ pdfBase64: (await sheet(db, input.language)).toString('base64'), fileName: referenceSheetFileName(input.language) }),
  },
  'reference.print': {
    access: 'authenticated',
    kind: 'read',
    handler: async ({ db, platform }, input) => {
      const pdf = await sheet(db, input.language);
      await platform.printPdf(new Uint8Array(pdf), { title: referenceSheetFileName(input.language) });
      return null;
    },
  },
  'reference.save': {
    access: 'authenticated',
    kind: 'read',
    handler: async ({ db, platform }, input) => {
      const pdf = await sheet(db, input.language);
      const target = await platform.chooseSaveFile({
        title: referenceSheetFileName(input.language),
        defaultName: referenceSheetFileName(input.language),
        filters: [{ name: 'PDF', extensions: ['pdf'] }],
      });
      if (!target) return { saved: false };
      try {
        fs.writeFileSync(target, pdf);
      } catch {
        throw new AppError('documents.write_failed', 'the sheet could not be written');
      }
      return { saved: true };
    },
  },
};
