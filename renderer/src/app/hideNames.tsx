/**
 * "Hide names": a screen-only switch for working with others in the room. While it is on, every pupil's name the
 * screens show through `PupilName` / `usePupilNames` (the pupils list, the pupil card, the chronology, the work
 * lists) is masked as "•••• · 7 Ә · #3f2a" — the class and a short reference from the record's id, so a list still
 * tells its rows apart — and the IIN is hidden. Nothing changes in the core: it is what the screen paints.
 *
 * It is remembered for the login session of the account (sessionStorage, in memory for this window only: a
 * boolean and the account id, no personal data) — switching screens, locking and logging back in keep it; closing
 * Qorgan forgets it.
 */
import { Switch, Tooltip } from '@mantine/core';
import { IconEyeOff } from '@tabler/icons-react';
import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from './session';

const listeners = new Set<() => void>();
/** this window's answer, before sessionStorage (which may be unavailable) */
const memory = new Map<string, boolean>();
const storageKey = (accountId: string) => `qorgan.hideNames.${accountId}`;

function read(accountId: string): boolean {
  try {
    return window.sessionStorage.getItem(storageKey(accountId)) === '1';
  } catch {
    return false;
  }
}

export function setHideNames(accountId: string, hidden: boolean): void {
  try {
    if (hidden) window.sessionStorage.setItem(storageKey(accountId), '1');
    else window.sessionStorage.removeItem(storageKey(accountId));
  } catch {
    // no storage (a locked-down profile): the switch still works until the next reload
  }
  memory.set(accountId, hidden);
  for (const l of listeners) l();
}


function subscribe(cb: () => void): () => void {
  listeners.add(cb);
  return () => listeners.delete(cb);
}

export function useHideNames(): boolean {
  const { session } = useSession();
  return useSyncExternalStore(subscribe, () => memory.get(session.accountId) ?? read(session.accountId));
}

export interface NamedPupil {
  id: string;
  lastName: string;
  firstName: string;
  middleName?: string;
  grade?: number;
  classLetter?: string;
}

/** The masked form: the class (when known) and the first four characters of the id. */
export function maskedPupil(p: Pick<NamedPupil, 'id' | 'grade' | 'classLetter'>): string {
  const cls = p.grade === undefined ? '' : ` · ${p.grade}${p.classLetter ? ` ${p.classLetter}` : ''}`;
  return `••••${cls} · #${p.id.slice(0, 4)}`;
}

export function fullName(p: NamedPupil): string {
  return [p.lastName, p.firstName, p.middleName ?? ''].filter((s) => s.length > 0).join(' ');
}

/** Replaces every word of the pupil's name in a free text (a chronology summary) by "•••" while names are hidden. */
export function maskNameIn(text: string, p: NamedPupil): string {
  const words = [p.lastName, p.firstName, p.middleName ?? ''].filter((w) => w.trim().length >= 2);
  let out = text;
  for (const w of words) out = out.split(w).join('•••');
  return out;
}

/** The name formatter of the screen: the full name, or the masked form while names are hidden. */
export function usePupilNames(): { hidden: boolean; name: (p: NamedPupil) => string; text: (text: string, p: NamedPupil) => string } {
  const hidden = useHideNames();
  return {
    hidden,
    name: (p) => (hidden ? maskedPupil(p) : fullName(p)),
    text: (text, p) => (hidden ? maskNameIn(text, p) : text),
  };
}

export function PupilName({ pupil }: { pupil: NamedPupil }) {
  const { name } = usePupilNames();
  return <>{name(pupil)}</>;
}

/** The switch, at the foot of the navigation (always in reach, never crowding the header). */
export function HideNamesSwitch() {
  const { t } = useTranslation();
  const { session } = useSession();
  const hidden = useHideNames();
  return (
    <Tooltip label={t('hideNames.hint')} multiline w={260} position="top-start">
      <Switch
        checked={hidden}
        onChange={(e) => setHideNames(session.accountId, e.currentTarget.checked)}
        label={t('hideNames.label')}
        thumbIcon={hidden ? <IconEyeOff size={12} /> : undefined}
        data-testid="hide-names"
        styles={{ label: { whiteSpace: 'nowrap' } }}
      />
    </Tooltip>
  );
}
