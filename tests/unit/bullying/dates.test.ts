/** The bullying flow's date rules, as shared/bullying.ts keeps them for the core and the step forms alike. */
import { describe, expect, it } from 'vitest';
import { followUpDateRefusal, followUpFloor, stepDateRefusal } from '../../../shared/bullying';

const today = '2026-11-30';

describe('the flow’s dates', () => {
  it('follow-ups count from the first talk, else from the day the flow started', () => {
    expect(followUpFloor({ firstTalkOn: '2026-11-25', startedAt: '2026-11-24T08:00:00.000Z' })).toBe('2026-11-25');
    expect(followUpFloor({ firstTalkOn: null, startedAt: '2026-11-24T08:00:00.000Z' })).toBe('2026-11-24');
  });
  it('a record is never dated after today; a follow-up never before the first talk (other steps may be)', () => {
    expect(stepDateRefusal('target_talk', '2026-12-01', today, '2026-11-25')).toBe('bullying.date_in_future');
    expect(stepDateRefusal('target_talk', '2026-11-30T23:59', today, '2026-11-25')).toBeNull();
    expect(stepDateRefusal('parents', '2026-11-20', today, '2026-11-25')).toBeNull();
    expect(stepDateRefusal('follow_up', '2026-11-24', today, '2026-11-25')).toBe('bullying.before_first_talk');
    expect(stepDateRefusal('follow_up', '2026-11-25', today, '2026-11-25')).toBeNull();
  });
  it('the next follow-up is neither in the past nor before the first talk; today is fine', () => {
    expect(followUpDateRefusal('2026-11-29', today, '2026-11-25')).toBe('bullying.date_in_past');
    expect(followUpDateRefusal(today, today, '2026-11-25')).toBeNull();
    expect(followUpDateRefusal('2026-12-01', today, '2026-12-02')).toBe('bullying.before_first_talk');
  });
});
