/**
 * The case screen's and the pupil card's sections show by capability (the core's answer, `capabilities.mine`), never
 * by role lists in the renderer. For each registered section: its capability is backed by a method whose access is
 * the access of the method its component reads first (tests/harness/section-reads.ts), that method is really called
 * in the component's file, and — generated from the registry, like docs/access-matrix.md — for every role the
 * sections on screen are exactly those whose first read the registry lets that role make.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { registry } from '../../electron/core/api';
import { gate } from '../../electron/core/access';
import { capabilitiesOf } from '../../electron/core/capabilities/handlers';
import { CASE_SECTIONS } from '../../renderer/src/features/cases/sections';
import { PUPIL_CARD_SECTIONS } from '../../renderer/src/features/pupils/card/sections';
import { CAPABILITY_METHODS, type CapabilityName } from '../../shared/capabilities';
import { ROLES, type Role } from '../../shared/roles';
import { CASE_SECTION_READS, PUPIL_CARD_SECTION_READS, type SectionRead } from '../harness/section-reads';

const ROOT = path.resolve(import.meta.dirname, '../..');

function core(roles: Role[]) {
  return { session: { accountId: 'a', login: 'x', displayName: 'x', roles, language: 'kk' as const }, isUnlocked: true, isSetUp: true };
}

interface Section {
  id: string;
  capability: CapabilityName;
}

const REGISTRIES: [string, readonly Section[], Record<string, SectionRead>][] = [
  ['case screen', CASE_SECTIONS, CASE_SECTION_READS],
  // the chronology goes last through the same slot (PupilCard.tsx); it reads chronology.list
  ['pupil card', [...PUPIL_CARD_SECTIONS, { id: 'chronology', capability: 'chronologyRead' }], PUPIL_CARD_SECTION_READS],
];

describe.each(REGISTRIES)('the %s sections', (_name, sections, reads) => {
  it('each names a real capability and its first read is listed (and nothing else is)', () => {
    expect(sections.map((s) => s.id).sort()).toEqual(Object.keys(reads).sort());
    for (const s of sections) expect(Object.keys(CAPABILITY_METHODS), s.id).toContain(s.capability);
  });

  it('each component file calls the read its section is listed with', () => {
    for (const s of sections) {
      const read = reads[s.id]!;
      const source = fs.readFileSync(path.join(ROOT, read.file), 'utf8');
      expect(source, `${s.id}: ${read.file}`).toContain(`useApiQuery('${read.method}'`);
    }
  });

  it('each capability is backed by a method with the same access as the section’s first read', () => {
    for (const s of sections) {
      const backing = CAPABILITY_METHODS[s.capability as keyof typeof CAPABILITY_METHODS];
      expect(registry[backing].access, `${s.id}: ${s.capability} (${backing}) vs ${reads[s.id]!.method}`).toEqual(registry[reads[s.id]!.method].access);
    }
  });

  it.each(ROLES)('as %s: the sections shown are those whose first read the registry allows', (role) => {
    const caps = capabilitiesOf(registry, core([role]));
    const shown = sections.filter((s) => caps[s.capability]).map((s) => s.id);
    const allowed = sections.filter((s) => gate(registry[reads[s.id]!.method].access, core([role])) === 'ok').map((s) => s.id);
    expect(shown).toEqual(allowed);
  });
});

describe('no role lists decide visibility in the renderer', () => {
  it('no renderer file imports shared/permissions', () => {
    const hits: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.tsx?$/.test(e.name) && /from '[./]*shared\/permissions'/.test(fs.readFileSync(p, 'utf8'))) hits.push(path.relative(ROOT, p));
      }
    };
    walk(path.join(ROOT, 'renderer/src'));
    expect(hits).toEqual([]);
  });
});
