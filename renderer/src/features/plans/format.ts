/**
 * Small helpers the plan screens share: the text of a field in the UI language (with the other language as a
 * fallback), the academic year label, months in school-year order, base64 ↔ bytes.
 */
import type { TFunction } from 'i18next';
import { academicYearOf, isoDate } from '../../../../shared/calendar';
import type { PlanSummary } from '../../../../shared/plans';
import type { Language } from '../../../../shared/roles';

/** kk/ru text of a field pair; falls back to the other language when the chosen one is empty. */
export function pick(lang: Language, kk: string | null | undefined, ru: string | null | undefined): string {
  const first = lang === 'ru' ? ru : kk;
  const second = lang === 'ru' ? kk : ru;
  return (first && first.trim()) || (second && second.trim()) || '';
}

/** true when the text shown is the other language's (the chosen one is empty) */
export function isFallback(lang: Language, kk: string | null | undefined, ru: string | null | undefined): boolean {
  const first = lang === 'ru' ? ru : kk;
  const second = lang === 'ru' ? kk : ru;
  return !(first && first.trim()) && Boolean(second && second.trim());
}

export function yearLabel(year: number): string {
  return `${year}–${year + 1}`;
}

/** The academic year of a moment, by the one rule in shared/calendar.ts (August starts a new one). */
export function currentAcademicYear(d: Date = new Date()): number {
  return academicYearOf(isoDate(d));
}

/** Months in the order of a school year: September … August. */
export const SCHOOL_MONTHS = [9, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8] as const;

export function monthName(t: TFunction, m: number): string {
  return t(`plans.months.m${m}`);
}

export function todayIso(d: Date = new Date()): string {
  return isoDate(d);
}

/** The plan's status as a label key and colour: draft, approved (locked), revision N draft. */
export function statusOf(p: Pick<PlanSummary, 'status' | 'revision'>): { key: string; color: string } {
  if (p.status === 'approved') return { key: 'plans.status.approved', color: 'green' };
  if (p.revision > 1) return { key: 'plans.status.revision', color: 'orange' };
  return { key: 'plans.status.draft', color: 'gray' };
}

export function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const out = new Uint8Array(new ArrayBuffer(bin.length));
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export async function fileToBase64(file: Blob): Promise<string> {
  const buf = new Uint8Array(await file.arrayBuffer());
  let bin = '';
  const chunk = 0x8000;
  for (let i = 0; i < buf.length; i += chunk) bin += String.fromCharCode(...buf.subarray(i, i + chunk));
  return btoa(bin);
}

export function formatBytes(n: number, lang: Language): string {
  // the same abbreviations in kk and ru
  void lang;
  const mb = 'МБ';
  const kb = 'КБ';
  if (n >= 1024 * 1024) {
    const v = n / 1024 / 1024;
    return `${Number.isInteger(v) ? v : v.toFixed(1)} ${mb}`;
  }
  return `${Math.max(1, Math.round(n / 1024))} ${kb}`;
}
