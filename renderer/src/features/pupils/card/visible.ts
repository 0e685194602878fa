/**
 * Which card sections a session shows: those of PUPIL_CARD_SECTIONS (in their order) whose roles it holds, then the
 * chronology, always last, through the same slot. Pure, so a unit test checks the slot without a browser.
 */
import type { Role } from '../../../../../shared/roles';
import type { PupilCardSection } from './sections';

export function visibleSections(sections: readonly PupilCardSection[], roles: readonly Role[], last: PupilCardSection): PupilCardSection[] {
  const shown = sections.filter((s) => s.roles === 'all' || s.roles.some((r) => roles.includes(r)));
  const ids = new Set<string>();
  // a section id is its DOM test id and React key: the first registration wins, a duplicate is a programming error
  const unique = shown.filter((s) => (ids.has(s.id) ? false : (ids.add(s.id), true)));
  return [...unique.filter((s) => s.id !== last.id), last];
}
