/**
 * The pupil card's section slot: the sections other features register in PUPIL_CARD_SECTIONS show in their order
 * for the roles they name, the chronology always last through the same slot, a duplicate id once.
 */
import { describe, expect, it } from 'vitest';
import type { PupilCardSection } from '../../../renderer/src/features/pupils/card/sections';
import { visibleSections } from '../../../renderer/src/features/pupils/card/visible';
import { maskNameIn, maskedPupil } from '../../../renderer/src/app/hideNames';
import kk from '../../../renderer/src/i18n/kk.json';
import ru from '../../../renderer/src/i18n/ru.json';
import { CHRONOLOGY_KINDS } from '../../../shared/chronology';
import { WORK_ITEM_KINDS } from '../../../shared/worklists';

const none = () => null;
const section = (id: string, roles: PupilCardSection['roles']): PupilCardSection => ({ id, labelKey: `x.${id}`, roles, component: none });
const chronology = section('chronology', 'all');

describe('pupil card sections', () => {
  it('with none registered the card shows the chronology alone', () => {
    expect(visibleSections([], ['psychologist'], chronology).map((s) => s.id)).toEqual(['chronology']);
  });

  it('keeps the registration order, filters by role, puts the chronology last and drops a duplicate id', () => {
    const list = [section('guardians', 'all'), section('cases', ['psychologist', 'social_pedagogue']), section('register', ['director']), section('guardians', 'all'), section('chronology', 'all')];
    expect(visibleSections(list, ['psychologist'], chronology).map((s) => s.id)).toEqual(['guardians', 'cases', 'chronology']);
    expect(visibleSections(list, ['class_teacher'], chronology).map((s) => s.id)).toEqual(['guardians', 'chronology']);
    expect(visibleSections(list, ['director', 'class_teacher'], chronology).map((s) => s.id)).toEqual(['guardians', 'register', 'chronology']);
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
