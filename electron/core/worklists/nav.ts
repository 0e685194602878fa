/**
 * The numbers in the navigation (issue 9, item 5): concerns awaiting triage (for the case workers: one SQL count,
 * nothing decrypted) and the caller's overdue work (every work source but the triage one, asked for work due before
 * today, owned by the caller, without titles). Polled by the navigation, so it must stay cheap: no decryption, no
 * audit, numbers only.
 */
import type { NavCounts } from '../../../shared/worklists';
import { isoDate } from '../../../shared/calendar';
import type { KeySource } from '../core';
import type { Db } from '../db/types';
import { addDays } from './lists';
import { WORK_SOURCES, type WorkSource } from './sources';

export async function navCounts(
  db: Db,
  q: { accountId: string; now: Date; keys: KeySource; withConcerns: boolean },
  sources: readonly WorkSource[] = WORK_SOURCES,
): Promise<NavCounts> {
  const today = isoDate(q.now);
  const dueBy = addDays(today, -1);
  let overdue = 0;
  for (const s of sources) {
    if (s.kind === 'concern_triage') continue;
    const items = await s.open(db, { ownerId: q.accountId, dueBy, keys: q.keys, now: q.now, withTitles: false });
    overdue += items.filter((i) => i.dueOn !== null && i.dueOn < today).length;
  }
  const concerns = q.withConcerns
    ? Number((await db.selectFrom('concerns').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'awaiting').executeTakeFirst())?.n ?? 0)
    : null;
  return { concerns, overdue };
}
