/**
 * The pupil card's section slot: the sections other features register in PUPIL_CARD_SECTIONS show in their order
 * for the sessions holding their capability, the chronology always last through the same slot, a duplicate id once.
 */
import { describe, expect, it } from 'vitest';
import type { PupilCardSection } from '../../../renderer/src/features/pupils/card/sections';
import { visibleSections } from '../../../renderer/src/features/pupils/card/visible';
import { maskNameIn, maskedPupil } from '../../../renderer/src/app/hideNames';
import kk from '../../../renderer/src/i18n/kk.json';
import ru from '../../../renderer/src/i18n/ru.json';
import { CAPABILITY_NAMES, type Capabilities, type CapabilityName } from '../../../shared/capabilities';
import { CHRONOLOGY_KINDS } from '../../../shared/chronology';
import { WORK_ITEM_KINDS } from '../../../shared/worklists';

const none = () => null;
const section = (id: string, capability: PupilCardSection['capability']): PupilCardSection => ({ id, labelKey: `x.${id}`, capability, component: none });
const chronology = section('chronology', 'chronologyRead');
/** capabilities holding exactly these names */
function holding(...names: CapabilityName[]): Capabilities {
  return Object.fromEntries(CAPABILITY_NAMES.map((n) => [n, names.includes(n)])) as Capabilities;
}
const READER = ['guardiansRead', 'chronologyRead'] as const;

describe('pupil card sections', () => {
  it('with none registered the card shows the chronology alone', () => {
    expect(visibleSections([], holding(...READER), chronology).map((s) => s.id)).toEqual(['chronology']);
  });

  it('shows nothing until the core has said what the session may do, nor a chronology the session may not read', () => {
    expect(visibleSections([section('guardians', 'guardiansRead')], null, chronology)).toEqual([]);
    expect(visibleSections([section('guardians', 'guardiansRead')], holding('guardiansRead'), chronology).map((s) => s.id)).toEqual(['guardians']);
  });

  it('keeps the registration order, filters by capability, puts the chronology last and drops a duplicate id', () => {
    const list = [section('guardians', 'guardiansRead'), section('cases', 'pupilCasesRead'), section('register', 'pupilRegisterRead'), section('guardians', 'guardiansRead'), section('chronology', 'chronologyRead')];
    expect(visibleSections(list, holding(...READER, 'pupilCasesRead'), chronology).map((s) => s.id)).toEqual(['guardians', 'cases', 'chronology']);
    expect(visibleSections(list, holding(...READER), chronology).map((s) => s.id)).toEqual(['guardians', 'chronology']);
    expect(visibleSections(list, holding(...READER, 'pupilRegisterRead'), chronology).map((s) => s.id)).toEqual(['guardians', 'register', 'chronology']);
  });
});

describe('hide names', () => {
  it('masks a pupil as class and a short reference, and the name inside a text', () => {
    expect(maskedPupil({ id: '3f2a9c1e-0000-4000-8000-000000000000', grade: 7, classLetter: 'Ә' })).toBe('•••• · 7 Ә · #3f2a');
    expect(maskNameIn('Мысалова Айым анасымен сөйлесті; Айым келді', { id: 'x', lastName: 'Мысалова', firstName: 'Айым' })).toBe('••• ••• анасымен сөйлесті; ••• келді');
  });
});

describe('names of kinds', () => {
  it('every chronology kind and work-item kind is named in kk and ru (a feature adding one adds its names)', () => {
    for (const [lang, tree] of Object.entries({ kk, ru })) {
      const missing = [
        ...CHRONOLOGY_KINDS.filter((k) => !(tree.chronology.kinds as Record<string, string | undefined>)[k]).map((k) => `chronology.kinds.${k}`),
        ...WORK_ITEM_KINDS.filter((k) => !(tree.worklists.kinds as Record<string, string | undefined>)[k]).map((k) => `worklists.kinds.${k}`),
      ];
      expect(missing.map((m) => `${lang}: ${m}`)).toEqual([]);
    }
  });
});
