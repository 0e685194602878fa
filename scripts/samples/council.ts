/**
 * Prevention council samples (demo data only), from the demo school's council (electron/core/council/demo.ts):
 *   minutes-kk.pdf        minutes signed by the secretary, then co-signed by the chair in another login
 *                                 (pdfsig: two valid signatures; pdftotext: ТЫҢДАЛДЫ / СӨЙЛЕДІ / ҚАУЛЫ ЕТТІ in order)
 *   minutes-kk-first.pdf  the same file as the secretary left it: one signature, one stamp (its bytes are
 *                                 the exact beginning of minutes-kk.pdf)
 *   minutes-ru.pdf        Russian minutes of a further meeting, made the same way in two logins
 *   extract-kk.pdf        an extract of one agenda item (no other pupil's name), signed by the secretary
 */
import fs from 'node:fs';
import path from 'node:path';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api';
import { academicYearOf, isoDate } from '../../shared/calendar';
import type { SignerInput } from '../../shared/documents';
import type { Core } from '../../electron/core/api';
import { DEMO_SECRETARY_SIGNING_PASSWORD } from '../../electron/core/council/demo';
import { DEMO_PASSWORD } from '../../electron/core/demo/school';
import { ensureDemoDirectorSigner } from './documents';
import type { SampleWriter } from './types';

async function call<M extends MethodName>(core: Core, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const r = await core.invoke(method, input);
  if (!r.ok) throw new Error(`samples/council: ${method} failed with ${r.error.code}`);
  return r.value as MethodOutput<M>;
}

async function login(core: Core, who: string, password: string): Promise<void> {
  if (core.state.session) await call(core, 'auth.lock', {});
  await call(core, 'auth.login', { login: who, password });
}

async function pdfOf(core: Core, id: string): Promise<Buffer> {
  return Buffer.from((await call(core, 'documents.pdf', { id })).base64, 'base64');
}

export const writeCouncilSamples: SampleWriter = async ({ outDir, core, demo }) => {
  const year = academicYearOf(isoDate(new Date()));
  const meetings = await call(core, 'council.meetings.list', { academicYear: year });
  const signed = meetings.find((m) => m.status === 'signed' && m.documentId);
  if (!signed?.documentId) throw new Error('samples/council: the demo has no signed minutes');
  const final = await pdfOf(core, signed.documentId);
  const firstSlot = await core.state.db
    .selectFrom('document_signature_slots')
    .select('size_after')
    .where('document_id', '=', signed.documentId)
    .where('slot', '=', 0)
    .executeTakeFirstOrThrow();
  fs.writeFileSync(path.join(outDir, 'minutes-kk.pdf'), final);
  fs.writeFileSync(path.join(outDir, 'minutes-kk-first.pdf'), final.subarray(0, Number(firstSlot.size_after)));

  const director: SignerInput = await ensureDemoDirectorSigner(core);
  await login(core, 'secretary', DEMO_PASSWORD);
  const mine = (await call(core, 'documents.certificates.list', { includeRetired: false })).find((c) => c.ownerAccountId === core.state.session?.accountId);
  if (!mine) throw new Error('samples/council: the demo secretary has no certificate');
  const secretary: SignerInput = { certificateId: mine.id, password: DEMO_SECRETARY_SIGNING_PASSWORD };

  // the extract: the signed meeting's item about a pupil (else its first item)
  const detail = await call(core, 'council.meetings.get', { id: signed.id });
  const item = detail.agenda.find((i) => i.pupilId) ?? detail.agenda[0];
  if (!item) throw new Error('samples/council: the signed minutes have no agenda');
  const extract = await call(core, 'council.extract.issue', { meetingId: signed.id, itemId: item.id, lang: 'kk', signer: secretary });
  fs.writeFileSync(path.join(outDir, 'extract-kk.pdf'), await pdfOf(core, extract.id));

  // Russian minutes of one more meeting, in two logins
  const date = new Date();
  date.setDate(date.getDate() + 35);
  const m = await call(core, 'council.meetings.create', { academicYear: year, date: isoDate(date) > `${year + 1}-05-20` ? `${year + 1}-05-20` : isoDate(date), time: '15:00', place: 'Актовый зал школы' });
  const roster = await call(core, 'council.roster', { academicYear: year });
  await call(core, 'council.attendance.save', { meetingId: m.id, entries: roster.members.map((x) => ({ kind: 'member' as const, memberId: x.id, present: true })) });
  const it = await call(core, 'council.agenda.add', { meetingId: m.id, title: 'О результатах анкетирования учащихся 5–11 классов по безопасности в школе' });
  await call(core, 'council.agenda.saveItem', {
    itemId: it.id,
    title: it.title ?? '',
    heard: 'Педагог-психолог доложила о результатах анонимного анкетирования учащихся 5–11 классов.',
    spoke: 'Заместитель директора по воспитательной работе, председатель родительского комитета.',
    decisions: [
      { type: 'note', text: 'Информацию принять к сведению.' },
      { type: 'note', text: 'Провести классные часы «Безопасная школа» в 5–7 классах.', responsible: 'классные руководители', deadline: isoDate(new Date(date.getFullYear(), date.getMonth() + 1, 15)) },
    ],
  });
  const ru = await call(core, 'council.minutes.issue', { meetingId: m.id, lang: 'ru', signer: secretary });
  await login(core, demo.login, demo.password);
  await call(core, 'documents.cosign', { id: ru.id, signer: director });
  fs.writeFileSync(path.join(outDir, 'minutes-ru.pdf'), await pdfOf(core, ru.id));
  return ['minutes-kk.pdf', 'minutes-kk-first.pdf', 'minutes-ru.pdf', 'extract-kk.pdf'];
};
