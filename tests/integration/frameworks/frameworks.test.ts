import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FrameworkFileInput } from '../../../shared/frameworks';
import { createTestCore, type TestCore } from '../../harness/core';

let c: TestCore;
beforeAll(async () => {
  c = await createTestCore();
});
afterAll(async () => {
  await c.cleanup();
});

/** A successor framework as a user would import it (a made-up excerpt: structure only, no real measures). */
const concept: FrameworkFileInput = {
  format: 'qorgan.framework',
  formatVersion: 1,
  code: 'concept-children-2026',
  revision: 1,
  kind: 'concept',
  titleKk: '«Қазақстан балалары» тұжырымдамасы 2026–2030 (сынақ үзінді)',
  titleRu: 'Концепция «Дети Казахстана» 2026–2030 (тестовый фрагмент)',
  shortTitleKk: null,
  shortTitleRu: null,
  issuedOn: null,
  issuedNumber: null,
  yearFrom: 2026,
  yearTo: 2030,
  notes: 'test data',
  columns: [
    { key: 'number', kk: '№', ru: '№' },
    { key: 'measure', kk: 'Іс-шара', ru: 'Мероприятие' },
    { key: 'deadline', kk: 'Мерзімі', ru: 'Срок' },
  ],
  sections: [{ code: '1', parent: null, titleKk: 'Қауіпсіздік', titleRu: 'Безопасность', notes: null }],
  items: [
    { number: '1', section: '1', measureKk: 'Сынақ іс-шарасы', measureRu: 'Тестовое мероприятие', completionFormKk: null, completionFormRu: null, deadlineKk: '2026', deadlineRu: '2026', responsibleKk: 'ОМ', costKk: null, fundingKk: null, notes: null },
  ],
  abbreviations: [{ abbr: 'ОМ', fullKk: 'Оқу-ағарту министрлігі', fullRu: 'Министерство просвещения', source: 'import' }],
};

describe('frameworks as data', () => {
  it('ships Decree 748 and lists it with its items', async () => {
    const list = await c.call('frameworks.list', {});
    expect(list.map((f) => [f.code, f.revision, f.builtin, f.itemCount])).toEqual([['decree-748', 2, true, 38]]);
    const found = await c.call('frameworks.searchItems', { frameworkId: list[0]!.id, query: 'KiVa' });
    expect(found.map((i) => i.number)).toEqual(['8']);
    expect((await c.call('frameworks.searchItems', { frameworkId: list[0]!.id, query: '47' })).map((i) => i.number)).toEqual(['47']);
  });

  it('imports a successor framework without code, refuses duplicates and broken files, and audits the import', async () => {
    const imported = await c.call('frameworks.import', { json: JSON.stringify(concept) });
    expect(imported).toMatchObject({ code: 'concept-children-2026', builtin: false, itemCount: 1, yearFrom: 2026 });
    const again = await c.try('frameworks.import', { json: JSON.stringify(concept) });
    expect(again.ok ? null : again.error.code).toBe('conflict');
    const broken = await c.try('frameworks.import', { json: JSON.stringify({ ...concept, revision: 2, items: [{ number: 'x' }] }) });
    expect(broken.ok ? null : broken.error.code).toBe('frameworks.import_failed');
    const notJson = await c.try('frameworks.import', { json: '{"format": ' });
    expect(notJson.ok ? null : notJson.error.code).toBe('frameworks.import_failed');
    const r2 = await c.call('frameworks.import', { json: JSON.stringify({ ...concept, revision: 2 }) });
    const list = await c.call('frameworks.list', {});
    expect(list.map((f) => `${f.code}@${f.revision}`).sort()).toEqual(['concept-children-2026@2', 'decree-748@2']);
    expect((await c.call('frameworks.list', { includeOld: true })).length).toBe(3);
    expect((await c.call('frameworks.get', { code: 'concept-children-2026' })).id).toBe(r2.id);
    const audit = await c.call('audit.list', { action: 'frameworks.import' });
    expect(audit.items.map((a) => a.outcome).sort()).toEqual(['failed', 'failed', 'failed', 'ok', 'ok']);
  });

  it('exports Decree 748 as a framework file that imports back to the same items', async () => {
    const d = await c.call('frameworks.get', { code: 'decree-748' });
    const file = await c.call('frameworks.export', { id: d.id });
    const parsed = JSON.parse(file.json) as FrameworkFileInput;
    const reimported = await c.call('frameworks.import', { json: JSON.stringify({ ...parsed, revision: 3 }) });
    const d2 = await c.call('frameworks.get', { id: reimported.id });
    const strip = (x: typeof d) => x.items.map(({ id: _i, frameworkId: _f, ...rest }) => rest);
    expect(strip(d2)).toEqual(strip(d));
    expect(d2.sections).toEqual(d.sections);
    expect(d2.abbreviations).toEqual(d.abbreviations);
  });
});
