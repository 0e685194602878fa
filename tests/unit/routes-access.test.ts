/**
 * The screens' visibility is a capability (routes.tsx `access`: the core's answer for the screen's main method), so
 * the navigation cannot drift from the registry. This pins it to the role lists each screen was shown to when it was
 * decided by role lists in the renderer: for every role, a screen is shown exactly when it was before (a change to a
 * method's access that changes who sees a screen fails here and has to be decided on purpose).
 */
import { describe, expect, it } from 'vitest';
import { registry } from '../../electron/core/api';
import { capabilitiesOf } from '../../electron/core/capabilities/handlers';
import { canUse, routes } from '../../renderer/src/app/routes';
import { BACKUP_ROLES } from '../../shared/backup';
import {
  ACCOUNT_ADMINS,
  AUDIT_READERS,
  CASE_READERS,
  CONCERN_AUTHORS,
  COUNCIL_READERS,
  DISTRICT_MERGERS,
  PUPIL_READERS,
  REFERRAL_READERS,
  REGISTER_READERS,
  SCHOOL_EDITORS,
  STATISTICS_READERS,
  WORK_LIST_READERS,
} from '../../shared/permissions';
import { ROLES, type Role } from '../../shared/roles';

/** who saw each screen when routes.tsx held role lists ('all': every account) */
const SHOWN_TO: Record<string, 'all' | readonly Role[]> = {
  '/': 'all',
  '/district': DISTRICT_MERGERS,
  '/district/import': DISTRICT_MERGERS,
  '/district/schools': DISTRICT_MERGERS,
  '/pupils': PUPIL_READERS,
  '/pupil': PUPIL_READERS,
  '/work': WORK_LIST_READERS,
  '/register': REGISTER_READERS,
  '/concerns': CONCERN_AUTHORS,
  '/concerns/inbox': CASE_READERS,
  '/cases': CASE_READERS,
  '/referrals': REFERRAL_READERS,
  '/case': CONCERN_AUTHORS,
  '/reference': 'all',
  '/plans': 'all',
  '/plan': 'all',
  '/statistics': STATISTICS_READERS,
  '/council': COUNCIL_READERS,
  '/council/meeting': COUNCIL_READERS,
  '/documents': 'all',
  '/documents/verify': 'all',
  '/documents/certificates': 'all',
  '/frameworks': 'all',
  '/school': SCHOOL_EDITORS,
  '/accounts': ACCOUNT_ADMINS,
  '/audit': AUDIT_READERS,
  '/backup': BACKUP_ROLES,
  '/settings': 'all',
};

function can(roles: Role[]) {
  return capabilitiesOf(registry, { session: { accountId: 'a', login: 'x', displayName: 'x', roles, language: 'kk' }, isUnlocked: true, isSetUp: true });
}

describe('which screens a role sees', () => {
  it('every screen is listed here, and every listed screen exists', () => {
    expect(routes.map((r) => r.path).sort()).toEqual(Object.keys(SHOWN_TO).sort());
  });

  it.each(ROLES)('as %s: each screen’s capability shows it exactly to the roles it was shown to', (role) => {
    const caps = can([role]);
    for (const r of routes) {
      const shownTo = SHOWN_TO[r.path] ?? [];
      const expected = shownTo === 'all' || shownTo.includes(role);
      const mode = (r.modes ?? ['school'])[0];
      expect(canUse(r, caps, mode), `${role} ${r.path} (${r.access})`).toBe(expected);
    }
  });

  it('a screen for some roles only is closed to a session whose capabilities have not arrived, and to no install it is not for', () => {
    const all = can([...ROLES]);
    for (const r of routes) {
      if (r.access !== 'all') expect(canUse(r, null, (r.modes ?? ['school'])[0]), r.path).toBe(false);
      if (!(r.modes ?? ['school']).includes('district')) expect(canUse(r, all, 'district'), r.path).toBe(false);
    }
  });
});
