/** How an item's structured fields read in a table cell. */
import type { TFunction } from 'i18next';
import type { StaffRole, TargetGroup } from '../../../../shared/plans';
import { monthName, SCHOOL_MONTHS } from './format';

/** [1,2,3,5,7,8,9] → "1–3, 5, 7–9" */
export function ranges(nums: readonly number[]): string {
  const s = [...new Set(nums)].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < s.length; ) {
    let j = i;
    while (j + 1 < s.length && s[j + 1] === s[j]! + 1) j++;
    out.push(j > i ? `${s[i]}–${s[j]}` : String(s[i]));
    i = j + 1;
  }
  return out.join(', ');
}

export function targetText(t: TFunction, g: TargetGroup): string {
  const parts: string[] = [];
  if (g.grades.length) {
    const grades = g.grades.map((n) => (n === 0 ? 0 : n));
    parts.push(t('plans.target.gradesN', { grades: ranges(grades).replace(/\b0\b/, t('plans.target.preschool')) }));
  }
  if (g.parents) parts.push(t('plans.target.parents'));
  if (g.teachers) parts.push(t('plans.target.teachers'));
  return parts.join(', ');
}

export function rolesText(t: TFunction, roles: readonly StaffRole[], bodies: readonly string[]): string {
  return [...roles.map((r) => t(`plans.staff.${r}`)), ...bodies].join(', ');
}

export function monthsText(t: TFunction, months: readonly number[]): string {
  if (months.length === 0) return '';
  if (months.length === 12) return t('plans.allYear');
  return SCHOOL_MONTHS.filter((m) => months.includes(m))
    .map((m) => monthName(t, m))
    .join(', ');
}
