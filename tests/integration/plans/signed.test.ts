import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../../shared/plans';
import { createTestCore, type TestCore } from '../../harness/core';
import { flat, pdfsig, pdfText, qpdfCheck, renderPng } from '../documents/helpers';

const SEED_TITLE =
  'Қарасақал Ерімбет атындағы №96 мектеп бойынша зорлық-зомбылық, буллинг, кибербуллинг, аутодеструктивті мінез-құлықтың, оқушы өмірінде кездесетін қиын жағдайлардың алдын алуға бағытталған бірлескен жұмыс жоспары';

let c: TestCore;
let plan: Plan;
let signer: { certificateId: string; password: string };
beforeAll(async () => {
  c = await createTestCore();
  // a certificate carries its holder's account name
  await c.call('accounts.update', { id: c.state.session!.accountId, displayName: 'Қаншев Марат' });
  const cert = await c.call('documents.certificates.create', {
    position: '№96 мектеп директоры',
    organization: 'Қарасақал Ерімбет атындағы №96 мектеп',
    password: 'signing password 1',
  });
  signer = { certificateId: cert.id, password: 'signing password 1' };
  plan = await c.call('plans.create', { academicYear: 2025, from: { kind: 'template' } });
  const fw = await c.call('frameworks.get', { code: 'decree-748' });
  const item8 = fw.items.find((i) => i.number === '8')!;
  plan = await c.call('plans.addItem', {
    sectionId: plan.sections[0]!.id,
    fields: {
      measureKk: 'Буллингке қарсы KiVa сабақтары 7 «Ә» сыныбында',
      measureRu: 'Занятия KiVa против буллинга в 7 «Ә» классе',
      frameworkItemIds: [item8.id],
      responsibleBodies: ['ЖАО'],
    },
  });
}, 120_000);
afterAll(async () => {
  await c.cleanup();
});

describe('the approved plan as a signed PDF in the register', () => {
  it('refuses to sign a draft', async () => {
    const r = await c.try('plans.signPdf', { id: plan.id, language: 'kk', signer });
    expect(r.ok ? null : r.error.code).toBe('plans.not_approved');
  });

  it('signs the kk and ru PDFs with the director\'s certificate, in the seed\'s layout', async () => {
    plan = await c.call('plans.approve', { id: plan.id, approvedOn: '2025-09-01' });
    const kk = await c.call('plans.signPdf', { id: plan.id, language: 'kk', signer });
    const pdf = Buffer.from(kk.pdfBase64, 'base64');
    const text = flat(pdfText(pdf));
    expect(text).toContain('«Бекітемін»');
    expect(text).toContain('№96 мектеп директоры');
    expect(text).toContain('М.Қаншев');
    expect(text).toContain('2025 жылғы 1 қыркүйек');
    expect(text).toContain(SEED_TITLE);
    expect(text).toContain('Буллингке қарсы KiVa сабақтары 7 «Ә» сыныбында');
    expect(text).toContain('№ 748 қаулы, 8-т.');
    for (const col of ['Іс-шаралар', 'Аяқталу нысаны', 'Орындау мерзімі', 'Жауаптылар', 'Болжамды шығыстар', 'Қаржыландыру көздері']) {
      expect(text).toContain(col);
    }
    expect(text).toContain('ЖАО – жергілікті атқарушы органдар');
    expect(text).toContain(kk.registerNumber!);
    const sig = pdfsig(pdf);
    expect(sig.signatures).toHaveLength(1);
    expect(sig.signatures[0]!.validation).toBe('Signature is Valid.');
    expect(sig.signatures[0]!.commonName).toBe('Қаншев Марат');
    expect(qpdfCheck(pdf).ok).toBe(true);
    renderPng(pdf, 'plan-signed-kk', [1]);

    const ru = await c.call('plans.signPdf', { id: plan.id, language: 'ru', signer });
    const ruPdf = Buffer.from(ru.pdfBase64, 'base64');
    const ruText = flat(pdfText(ruPdf));
    expect(ruText).toContain('«Утверждаю»');
    expect(ruText).toContain('Директор школы №96');
    expect(ruText).toContain('1 сентября 2025 г.');
    expect(ruText).toContain('Занятия KiVa против буллинга в 7 «Ә» классе');
    expect(ruText).toContain('Форма завершения');
    expect(pdfsig(ruPdf).signatures[0]!.validation).toBe('Signature is Valid.');
    renderPng(ruPdf, 'plan-signed-ru', [1]);

    const register = await c.call('documents.list', { kind: 'plan' });
    expect(register.items.map((d) => d.id).sort()).toEqual([kk.documentId, ru.documentId].sort());
    const stored = await c.call('documents.pdf', { id: kk.documentId });
    expect(stored.base64).toBe(kk.pdfBase64);
    const got = await c.call('plans.get', { id: plan.id });
    expect(got.approvals[0]!.documents.map((d) => d.language).sort()).toEqual(['kk', 'ru']);
  });

  it('refuses a wrong signing password with the documents engine\'s error, and keeps nothing', async () => {
    const r = await c.try('plans.signPdf', { id: plan.id, language: 'kk', signer: { ...signer, password: 'wrong password' } });
    expect(r.ok ? null : r.error.code).toBe('documents.wrong_p12_password');
    expect((await c.call('documents.list', { kind: 'plan' })).total).toBe(2);
  });

  it('refuses a certificate that belongs to another account', async () => {
    await c.call('accounts.create', { login: 'deputy', displayName: 'Орынбасар', roles: ['deputy_director'], password: 'deputy password 1' });
    await c.call('auth.lock', {});
    await c.call('auth.login', { login: 'deputy', password: 'deputy password 1' });
    const own = await c.call('documents.certificates.create', {
      position: 'Тәрбие ісі жөніндегі директордың орынбасары',
      organization: '№96 мектеп',
      password: 'deputy signing 1',
    });
    await c.call('auth.lock', {});
    await c.call('auth.login', { login: 'director', password: 'correct horse battery' });
    const r = await c.try('plans.signPdf', { id: plan.id, language: 'kk', signer: { certificateId: own.id, password: 'deputy signing 1' } });
    // declared in the registry as a guard: refused before anything is rendered, and audited as denied
    expect(r.ok ? null : r.error.code).toBe('auth.forbidden');
    const denied = c.state.sqlite.prepare(`SELECT count(*) AS n FROM audit_log WHERE action = 'plans.signPdf' AND outcome = 'denied'`).get() as { n: number };
    expect(denied.n).toBe(1);
  });

  it('previews a draft revision unsigned with a blank date line and the draft mark', async () => {
    await c.call('plans.startRevision', { id: plan.id });
    const p = await c.call('plans.previewPdf', { id: plan.id, language: 'kk' });
    const text = flat(pdfText(Buffer.from(p.pdfBase64, 'base64')));
    expect(text).toContain('«___» ____________ 20__ ж.');
    expect(pdfsig(Buffer.from(p.pdfBase64, 'base64')).signatures).toHaveLength(0);
    const audit = await c.call('audit.list', { action: 'plans.previewPdf' });
    expect(audit.items[0]).toMatchObject({ entityType: 'plan', entityId: plan.id, outcome: 'ok' });
  });
});
