/** The ASQ scoring rules (NIMH) as shared/screening.ts implements them, case by case; and the question data. */
import { describe, expect, it } from 'vitest';
import { ASQ_QUESTIONS, ASQ_SOURCE, ASQ_TEXT } from '../../../shared/asq';
import { asqAsksQ5, asqMissing, asqNeedsReason, asqResult, isBeforeScreening, isLocalTimeInFuture, type AsqAnswers } from '../../../shared/screening';

const a = (x: Partial<AsqAnswers>): AsqAnswers => ({ q1: null, q2: null, q3: null, q4: null, q5: null, ...x });
const NO4 = { q1: 'no', q2: 'no', q3: 'no', q4: 'no' } as const;

describe('asqResult', () => {
  it('"no" to 1–4 is negative, and question 5 is not needed', () => {
    expect(asqResult(a(NO4))).toBe('negative');
    expect(asqMissing(a(NO4))).toEqual([]);
  });
  it('any "yes" among 1–4 is positive; question 5 is then needed', () => {
    for (const q of ['q1', 'q2', 'q3', 'q4'] as const) {
      const x = a({ ...NO4, [q]: 'yes' });
      expect(asqResult(x)).toBe('positive');
      expect(asqMissing(x)).toEqual(['q5']);
      expect(asqResult({ ...x, q5: 'no' })).toBe('positive');
    }
  });
  it('declining any of 1–4 is positive; declining question 5 after a "yes" stays positive, not acute', () => {
    expect(asqResult(a({ ...NO4, q2: 'declined' }))).toBe('positive');
    expect(asqResult(a({ ...NO4, q1: 'yes', q5: 'declined' }))).toBe('positive');
    expect(asqMissing(a({ ...NO4, q1: 'yes', q5: 'declined' }))).toEqual([]);
  });
  it('"yes" to question 5 is acute, even half answered (the missing ones are listed)', () => {
    expect(asqResult(a({ q1: 'yes', q5: 'yes' }))).toBe('acute');
    expect(asqMissing(a({ q1: 'yes', q5: 'yes' }))).toEqual(['q2', 'q3', 'q4']);
    expect(asqResult(a({ ...NO4, q5: 'yes' }))).toBe('acute');
  });
  it('unanswered questions and no "yes" decide nothing', () => {
    expect(asqResult(a({}))).toBeNull();
    expect(asqResult(a({ q1: 'no', q2: 'no', q3: 'no' }))).toBeNull();
    expect(asqMissing(a({ q1: 'no', q2: 'no', q3: 'no' }))).toEqual(['q4']);
  });
});

describe('the rules the form and the core share', () => {
  it('question 5 is asked after a "yes" or a refusal to 1–4, never after four "no"', () => {
    expect(asqAsksQ5(a(NO4))).toBe(false);
    expect(asqAsksQ5(a({ q2: 'declined' }))).toBe(true);
    expect(asqAsksQ5(a({ ...NO4, q4: 'yes' }))).toBe(true);
  });
  it('a reason is needed while a question is unanswered or nothing is decided, not for a complete screen', () => {
    expect(asqNeedsReason(a(NO4))).toBe(false);
    expect(asqNeedsReason(a({ ...NO4, q1: 'yes', q5: 'no' }))).toBe(false);
    expect(asqNeedsReason(a({ ...NO4, q1: 'yes' }))).toBe(true);
    expect(asqNeedsReason(a({ q1: 'yes', q5: 'yes' }))).toBe(true);
    expect(asqNeedsReason(a({}))).toBe(true);
  });
  it('a local time is in the future only past the largest zone offset (UTC+14); a line cannot precede the screening', () => {
    const now = new Date('2026-11-30T10:00:00Z');
    expect(isLocalTimeInFuture('2026-11-30T23:59', now)).toBe(false);
    expect(isLocalTimeInFuture('2026-12-01T00:01', now)).toBe(true);
    expect(isBeforeScreening('2026-11-30T08:59', '2026-11-30T09:00')).toBe(true);
    expect(isBeforeScreening('2026-11-30T09:00', '2026-11-30T09:00')).toBe(false);
  });
});

describe('the questions', () => {
  it('five questions, each in English (NIMH), Kazakh and Russian; the source is named and the translation owned up to', () => {
    expect(ASQ_QUESTIONS).toHaveLength(5);
    for (const q of ASQ_QUESTIONS) for (const l of ['en', 'kk', 'ru'] as const) expect(ASQ_TEXT[q][l].trim().length).toBeGreaterThan(20);
    expect(ASQ_TEXT.q5.en).toBe('Are you having thoughts of killing yourself right now?');
    expect(ASQ_SOURCE.name).toContain('NIMH');
    expect(ASQ_SOURCE.translationKk).toMatch(/аударма/u);
    expect(JSON.stringify(ASQ_TEXT)).not.toMatch(/Columbia|C-SSRS/u);
  });
});
