/** Small display helpers of the register's screens. */
import dayjs from 'dayjs';
import type { RegisterGround } from '../../../../shared/register';

export function groundLabel(g: Pick<RegisterGround, 'labelKk' | 'labelRu'>, language: string): string {
  return language.startsWith('ru') ? g.labelRu : g.labelKk;
}

/** The ground labels of ids, in the UI language (a ground deleted since shows as '?'). */
export function groundsText(ids: readonly string[] | null, grounds: readonly RegisterGround[], language: string): string {
  if (ids === null) return '';
  const by = new Map(grounds.map((g) => [g.id, g]));
  return ids.map((id) => { const g = by.get(id); return g ? groundLabel(g, language) : '?'; }).join('; ');
}

/** DD.MM.YYYY, or '' for none. */
export function day(d: string | null): string {
  return d ? dayjs(d).format('DD.MM.YYYY') : '';
}
