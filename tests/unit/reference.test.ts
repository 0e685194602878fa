/**
 * The reference texts (issue 10, item 5) are data in the repository: the files load and validate, hold every
 * checklist and helpline the issue names in both languages, and every text names a source that exists. A school's
 * edit that breaks a rule is refused with the file and the rule named.
 */
import { describe, expect, it } from 'vitest';
import { loadReferenceTexts, referenceTexts, type ReferenceFiles } from '../../electron/core/reference/texts';
import rawChecklists from '../../electron/core/reference/data/danger-signs.json';
import rawHelplines from '../../electron/core/reference/data/helplines.json';
import rawSources from '../../electron/core/reference/data/sources.json';
import rawSteps from '../../electron/core/reference/data/teacher-steps.json';

function files(): ReferenceFiles {
  return structuredClone({
    'sources.json': rawSources,
    'danger-signs.json': rawChecklists,
    'teacher-steps.json': rawSteps,
    'helplines.json': rawHelplines,
  });
}
type Json = Record<string, unknown> & { [k: string]: unknown };
const obj = (v: unknown) => v as Json;
const arr = (v: unknown) => v as Json[];

describe('the reference texts in the repository', () => {
  const t = referenceTexts();

  it('hold the danger-sign checklists the issue names', () => {
    expect(t.checklists.map((c) => c.id).sort()).toEqual(
      ['bullying', 'cyberbullying', 'emotional_abuse', 'neglect', 'physical_abuse', 'self_harm', 'sexual_abuse', 'suicide_risk'].sort(),
    );
    for (const c of t.checklists) expect(c.signs.length, c.id).toBeGreaterThanOrEqual(5);
  });

  it('hold 111, 150, 102, 103 and 112, the emergency numbers first', () => {
    expect(t.helplines.map((h) => h.number)).toEqual(['112', '102', '103', '111', '150']);
    const h111 = t.helplines.find((h) => h.number === '111');
    expect(h111?.name.ru).toContain('контакт-центр');
    expect(h111?.name.kk).toContain('байланыс орталығы');
    expect(t.helplines.find((h) => h.number === '150')?.name.ru).toContain('телефон доверия для детей и молодёжи');
  });

  it('tell a class teacher to tell the office the same day, log a concern, never promise secrecy, never investigate', () => {
    const steps = t.teacherSteps.steps.map((s) => s.ru).join(' ');
    const never = t.teacherSteps.never.map((s) => s.ru).join(' ');
    expect(steps).toMatch(/В тот же день лично сообщите психологу или социальному педагогу/u);
    expect(steps).toMatch(/зарегистрируйте обеспокоенность/u);
    expect(never).toMatch(/не обещайте сохранить это в секрете/u);
    expect(never).toMatch(/Не расследуйте сами/u);
    const neverKk = t.teacherSteps.never.map((s) => s.kk).join(' ');
    expect(neverKk).toMatch(/уәде бермеңіз/u);
    expect(neverKk).toMatch(/тергемеңіз/u);
  });

  it('say every text in Kazakh and Russian (different texts, Kazakh letters in the Kazakh one)', () => {
    const all = [
      ...t.checklists.flatMap((c) => [c.title, c.lead, ...c.signs]),
      t.teacherSteps.title,
      t.teacherSteps.lead,
      ...t.teacherSteps.steps,
      ...t.teacherSteps.never,
      ...t.helplines.flatMap((h) => (h.number.length === 3 && ['102', '103'].includes(h.number) ? [h.what, h.how] : [h.name, h.what, h.how])),
    ];
    for (const b of all) expect(b.kk, b.ru).not.toBe(b.ru);
    const kkLetters = /[әғқңөұүһі]/iu;
    const withKk = all.filter((b) => kkLetters.test(b.kk)).length;
    expect(withKk / all.length).toBeGreaterThan(0.9);
  });

  it('name a source for every text; each source has an organisation and a document, and an address only as https/http', () => {
    const ids = new Set(t.sources.map((s) => s.id));
    for (const c of t.checklists) for (const s of c.sources) expect(ids.has(s)).toBe(true);
    for (const s of t.sources) {
      expect(s.organisation.length).toBeGreaterThan(2);
      expect(s.document.length).toBeGreaterThan(5);
      if (s.url) expect(s.url).toMatch(/^https?:\/\//u);
    }
    // the bullying texts rest on Order 506, the helplines on their operators
    expect(t.checklists.find((c) => c.id === 'bullying')?.sources).toContain('order-506');
    expect(t.sources.find((s) => s.id === 'order-506')?.document).toContain('№ 506');
  });
});

describe('a broken edit is refused, naming the file and the rule', () => {
  it('a text that names an unknown source', () => {
    const f = files();
    arr(obj(f['danger-signs.json']).checklists)[0]!.sources = ['who-made-this-up'];
    expect(() => loadReferenceTexts(f)).toThrow(/checklist suicide_risk names the unknown source "who-made-this-up"/u);
  });

  it('a sign without its Russian text', () => {
    const f = files();
    const sign = arr(arr(obj(f['danger-signs.json']).checklists)[1]!.signs)[0]!;
    delete sign.ru;
    expect(() => loadReferenceTexts(f)).toThrow(/danger-signs\.json: checklists\.1\.signs\.0\.ru/u);
  });

  it('a helpline number typed with letters, or twice', () => {
    const f = files();
    arr(obj(f['helplines.json']).helplines)[3]!.number = '11l';
    expect(() => loadReferenceTexts(f)).toThrow(/helplines\.json: helplines\.3\.number: digits only/u);
    const g = files();
    arr(obj(g['helplines.json']).helplines)[4]!.number = '111';
    expect(() => loadReferenceTexts(g)).toThrow(/helpline number "111" appears twice/u);
  });

  it('a source no text names, and an address that is not a URL', () => {
    const f = files();
    arr(obj(f['sources.json']).sources).push({ id: 'orphan', organisation: 'X org', document: 'Some document', year: null, url: null });
    expect(() => loadReferenceTexts(f)).toThrow(/sources no text names: orphan/u);
    const g = files();
    arr(obj(g['sources.json']).sources)[0]!.url = 'zakon.kz somewhere';
    expect(() => loadReferenceTexts(g)).toThrow(/sources\.json: sources\.0\.url/u);
  });
});
