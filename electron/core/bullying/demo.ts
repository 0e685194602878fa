/**
 * The demo school's bullying flows (demo data only, plainly fake: the demo's "Мысалов", "Сынақова" … pupils, texts
 * marked "демо"), made through the registry as the demo psychologist would, dated relative to the clock:
 *
 * - a bullying case mid-flow: opened five days ago; the talk with the targeted pupil, both initiators' talks with
 *   their written commitments and one pair of parents done; one pair of parents informed by phone was skipped with
 *   a reason; the third pair of parents is overdue; the follow-up talk is due in five days;
 * - a cyberbullying case with its evidence: the class chat on a messenger, two account names, a link and a
 *   screenshot (a small generated image), the talk done, the report to the platform pending.
 *
 * The registry writes "now"; the history is made by moving the plain dates (the flow's start, the first steps'
 * due dates and their tasks) back afterwards, as the cases' demo does with `opened_at`. The director is logged in
 * again at the end (the seeders after this one expect it).
 */
import zlib from 'node:zlib';
import { isoDate } from '../../../shared/calendar';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/api';
import type { Core } from '../api';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoSeeder } from '../demo/school';
import { addDays } from './flow';

async function call<M extends MethodName>(core: Core, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const r = await core.invoke(method, input);
  if (!r.ok) throw new Error(`demo bullying: ${method} failed with ${r.error.code}`);
  return r.value as MethodOutput<M>;
}

async function loginAs(core: Core, login: string): Promise<void> {
  await call(core, 'auth.lock', {});
  await call(core, 'auth.login', { login, password: DEMO_PASSWORD });
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(b: Buffer): number {
  let c = 0xffffffff;
  for (const x of b) c = (CRC_TABLE[(c ^ x) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A small "chat screenshot" PNG: grey message bubbles on white (no text, no person). */
export function demoScreenshotPng(width = 240, height = 160): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3, 255);
    row[0] = 0;
    const bubble = Math.floor(y / 32);
    const inBubble = y % 32 > 6 && y % 32 < 26;
    for (let x = 0; x < width; x++) {
      const left = bubble % 2 === 0;
      const on = inBubble && (left ? x > 10 && x < 150 : x > 90 && x < 230);
      if (on) row.fill(left ? 225 : 190, 1 + x * 3, 4 + x * 3);
      if (on && !left) row[1 + x * 3] = 170;
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Moves the plain dates of a flow's first steps (and their tasks) back by `days`. */
async function backdate(core: Core, caseId: string, days: number, kinds: string[]): Promise<void> {
  const db = core.state.db;
  const f = await db.selectFrom('bullying_flows').select('started_at').where('case_id', '=', caseId).executeTakeFirstOrThrow();
  const started = new Date(new Date(f.started_at).getTime() - days * 86_400_000).toISOString();
  await db.updateTable('bullying_flows').set({ started_at: started }).where('case_id', '=', caseId).execute();
  await db.updateTable('cases').set({ opened_at: started }).where('id', '=', caseId).execute();
  const steps = await db.selectFrom('bullying_steps').select(['id', 'task_id', 'due_on', 'kind']).where('case_id', '=', caseId).execute();
  for (const s of steps) {
    if (!kinds.includes(s.kind) || !s.due_on) continue;
    const due = addDays(s.due_on, -days);
    await db.updateTable('bullying_steps').set({ due_on: due }).where('id', '=', s.id).execute();
    if (s.task_id) await db.updateTable('case_tasks').set({ due_on: due }).where('id', '=', s.task_id).execute();
  }
}

export const demoBullyingSeeder: DemoSeeder = async (core, now) => {
  const pupils = await core.state.db.selectFrom('pupils').select(['id', 'grade']).where('archived', '=', 0).where('grade', '=', 6).orderBy('last_name').orderBy('first_name').execute();
  if (pupils.length < 5) return;
  const [t, i1, i2, t2, i3] = pupils.map((p) => p.id) as [string, string, string, string, string];
  if (!DEMO_ACCOUNTS.some((a) => a.login === 'psychologist')) return;
  await loginAs(core, 'psychologist');
  const today = isoDate(now);
  const day = (n: number) => addDays(today, n);
  const version = async (id: string) => (await call(core, 'cases.get', { id })).version;

  // 1. bullying, mid-flow
  const b = await call(core, 'cases.create', {
    title: 'Асханадағы буллинг: итеру, мазақ (демо)',
    summary: 'Сынып жетекшісі хабарлады: екі оқушы үзілісте бір баланы бірнеше рет итеріп, мазақтаған (демо).',
    formOfHarm: 'bullying',
    risk: 'medium',
    pupils: [
      { pupilId: t, role: 'targeted' },
      { pupilId: i1, role: 'initiator' },
      { pupilId: i2, role: 'initiator' },
    ],
  });
  let f = await call(core, 'bullying.start', { caseId: b.id, version: b.version });
  const step = (kind: string, n = 0) => f.steps.filter((s) => s.kind === kind)[n]!;
  f = await call(core, 'bullying.complete', {
    stepId: step('target_talk').id,
    version: await version(b.id),
    record: { kind: 'target_talk', at: `${day(-5)}T10:30`, summary: 'Оқушы болған жағдайды айтып берді; қауіпсіз ересек ретінде сынып жетекшісін таңдады (демо).' },
  });
  for (const [n, commitment] of ['Енді ешкімді итермеймін және мазақтамаймын (демо).', 'Сыныптасымды кемсітпеймін, көмек керек болса мұғалімге айтамын (демо).'].entries()) {
    f = await call(core, 'bullying.complete', { stepId: step('initiator_talk', n).id, version: await version(b.id), record: { kind: 'initiator_talk', at: `${day(-4)}T11:0${n}`, commitment } });
  }
  f = await call(core, 'bullying.complete', {
    stepId: step('parents', 0).id,
    version: await version(b.id),
    record: { kind: 'parents', at: `${day(-4)}T16:00`, who: 'Анасы (демо)', method: 'meeting', told: 'Жағдай және мектептің қадамдары туралы айтылды (демо).' },
  });
  f = await call(core, 'bullying.skip', { stepId: step('parents', 1).id, version: await version(b.id), reason: 'Ата-анасы іссапарда; атасымен келесі аптада кездесу жоспарланды (демо).' });
  await backdate(core, b.id, 5, ['target_talk', 'initiator_talk', 'parents']);

  // 2. cyberbullying with its evidence
  const cy = await call(core, 'cases.create', {
    title: 'Сынып чатындағы кибербуллинг (демо)',
    summary: 'Сынып чатында бір оқушының суреті мазақ жазулармен таратылған (демо).',
    formOfHarm: 'cyberbullying',
    risk: 'low',
    pupils: [
      { pupilId: t2, role: 'targeted' },
      { pupilId: i3, role: 'initiator' },
    ],
  });
  f = await call(core, 'bullying.start', { caseId: cy.id, version: cy.version });
  f = await call(core, 'bullying.complete', {
    stepId: step('target_talk').id,
    version: await version(cy.id),
    record: { kind: 'target_talk', at: `${day(-2)}T09:40`, summary: 'Оқушы скриншоттарды көрсетті; ата-анасына айтуға келісті (демо).' },
  });
  f = await call(core, 'bullying.addEvidence', {
    caseId: cy.id,
    version: await version(cy.id),
    platform: 'WhatsApp (демо)',
    accounts: ['«7Ә чат» тобы (демо)', '+7 700 000 00 00 (демо)'],
    links: ['https://chat.example.invalid/demo-7a'],
    description: 'Оқушының суреті мазақ жазулармен үш рет жіберілген (демо).',
    observedOn: day(-3),
  });
  await call(core, 'bullying.addScreenshot', { evidenceId: f.evidence[0]!.id, version: await version(cy.id), fileName: 'чат-скриншот-демо.png', dataBase64: demoScreenshotPng().toString('base64') });
  await backdate(core, cy.id, 2, ['target_talk', 'initiator_talk', 'parents', 'platform_report']);

  await loginAs(core, 'director');
};
