import { describe, expect, it } from 'vitest';
import { casesMethods } from '../../shared/cases';
import { triageFormSchema, validateTriage, type TriageFormValues } from '../../renderer/src/features/cases/forms';
import kk from '../../renderer/src/i18n/kk.json';
import i18n from '../../renderer/src/i18n';

const concernId = '5b0f3c7e-2d1a-4e8b-9c6f-1a2b3c4d5e6f';
const caseId = '8f7c1a52-5a0e-4f3b-9f57-8a4f2a3c9d11';
const draft: TriageFormValues = { action: 'new_case', answer: '  Кейс ашылды. ', title: ' Буллинг ', risk: 'high', caseId: null };

// The triage form's checks and the value it sends, on concerns.triage's own variants (the screen's render needs the
// router; e2e cases.test.ts fills it).
describe('triage form (concerns.triage)', () => {
  it('keeps only the chosen action’s fields, trimmed, and the core accepts them with what the screen adds', () => {
    const newCase = triageFormSchema.parse(draft);
    expect(newCase).toEqual({ action: 'new_case', answer: 'Кейс ашылды.', title: 'Буллинг', risk: 'high' });
    const input = casesMethods['concerns.triage'].input;
    expect(input.safeParse({ ...newCase, id: concernId, leadId: null }).success).toBe(true);

    const none = triageFormSchema.parse({ ...draft, action: 'no_action' });
    expect(none).toEqual({ action: 'no_action', answer: 'Кейс ашылды.' });
    expect(input.safeParse({ ...none, id: concernId }).success).toBe(true);

    const existing = triageFormSchema.parse({ ...draft, action: 'existing_case', caseId });
    expect(existing).toEqual({ action: 'existing_case', answer: 'Кейс ашылды.', caseId });
    expect(input.safeParse({ ...existing, id: concernId, caseVersion: 3 }).success).toBe(true);
  });

  it('names the missing answer, title and case on their fields, in the UI language', async () => {
    await i18n.changeLanguage('kk');
    const validate = validateTriage(i18n.t);
    expect(validate({ ...draft, answer: ' ', title: '' })).toEqual({ answer: kk.validation.required, title: kk.validation.required });
    expect(validate({ ...draft, action: 'existing_case', caseId: null })).toEqual({ caseId: kk.validation.required });
    // another action's empty field is no error
    expect(validate({ ...draft, action: 'no_action', title: '' })).toEqual({});
  });
});
