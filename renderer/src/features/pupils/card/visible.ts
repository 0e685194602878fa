/**
 * Which card sections a session shows: those of PUPIL_CARD_SECTIONS (in their order) whose capability it holds (the
 * core's answer, `capabilities.mine`), then the chronology, always last, through the same slot. Pure, so a unit test
 * checks the slot without a browser.
 */
import type { Capabilities } from '../../../../../shared/capabilities';
import type { PupilCardSection } from './sections';

export function visibleSections(sections: readonly PupilCardSection[], caps: Capabilities | null, last: PupilCardSection): PupilCardSection[] {
  const held = (s: PupilCardSection) => caps !== null && caps[s.capability];
  const shown = sections.filter(held);
  const ids = new Set<string>();
  // a section id is its DOM test id and React key: the first registration wins, a duplicate is a programming error
  const unique = shown.filter((s) => (ids.has(s.id) ? false : (ids.add(s.id), true)));
  return [...unique.filter((s) => s.id !== last.id), ...(held(last) ? [last] : [])];
}
