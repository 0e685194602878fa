import { fireEvent, screen, waitFor } from '@testing-library/react';
import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../shared/cases';
import { addDaysIso, DRAFT_SEND_DAYS, referralsMethods } from '../../shared/referrals';
import { ReferralFormModal } from '../../renderer/src/features/referrals/dialogs';
import { REFERRAL_LIMITS, statusFormSchema, updateReferralFormSchema, validateStatus } from '../../renderer/src/features/referrals/forms';
import i18n from '../../renderer/src/i18n';
import kk from '../../renderer/src/i18n/kk.json';
import { descriptionOf, errorOf, fail, installFakeCore, ok, renderWithApp } from './render';
import { CASE_ID, caseDetail, PUPIL_ID } from './fixtures';

const caseId = CASE_ID;
const pupilId = PUPIL_ID;

const kase: CaseDetail = caseDetail();

const byId = <T extends HTMLElement = HTMLInputElement>(id: string) => screen.getByTestId<T>(id);
const type = (id: string, value: string) => fireEvent.change(byId(id), { target: { value } });
const today = () => dayjs().format('YYYY-MM-DD');

describe('referral draft form (referrals.create / referrals.update)', () => {
  it('names the missing agency type, name and reason on their fields; then sends the parsed draft', async () => {
    const fake = installFakeCore({ 'referrals.create': () => ok({}) });
    renderWithApp(<ReferralFormModal c={kase} referral={null} onClose={() => undefined} />);
    fireEvent.click(byId('referral-save'));
    await waitFor(() => expect(errorOf(byId('referral-agency-name'))).toBe(kk.validation.required));
    expect(errorOf(byId('referral-agency-type'))).toBe(kk.validation.required);
    expect(errorOf(byId<HTMLTextAreaElement>('referral-reason'))).toBe(kk.validation.required);
    expect(fake.inputs('referrals.create')).toEqual([]);
    fireEvent.click(byId('referral-agency-type'));
    fireEvent.click(await screen.findByRole('option', { name: kk.referrals.agency.psychiatrist, hidden: true }));
    type('referral-agency-name', ' Облыстық психиатрия орталығы ');
    type('referral-reason', ' Ұйқысы бұзылған ');
    fireEvent.click(byId('referral-save'));
    await waitFor(() => expect(fake.inputs('referrals.create')).toHaveLength(1));
    const sent = fake.inputs('referrals.create')[0];
    expect(sent).toEqual({
      caseId,
      pupilId,
      agencyType: 'psychiatrist',
      agency: { name: 'Облыстық психиатрия орталығы', address: '' },
      reason: 'Ұйқысы бұзылған',
      request: '',
      sendBy: addDaysIso(today(), DRAFT_SEND_DAYS),
    });
    expect(referralsMethods['referrals.create'].input.safeParse(sent).success).toBe(true);
  });

  it('the core’s refusal of the agency name lands on it; the reason shows its counter near the limit', async () => {
    installFakeCore({ 'referrals.create': () => fail('validation', 'the input does not match the method', { issues: 1, path: 'agency.name' }) });
    renderWithApp(<ReferralFormModal c={kase} referral={null} onClose={() => undefined} />);
    type('referral-reason', 'а'.repeat(REFERRAL_LIMITS.reason - 100));
    await waitFor(() => expect(descriptionOf(byId<HTMLTextAreaElement>('referral-reason'))).toContain(`${REFERRAL_LIMITS.reason - 100} / ${REFERRAL_LIMITS.reason}`));
    fireEvent.click(byId('referral-agency-type'));
    fireEvent.click(await screen.findByRole('option', { name: kk.referrals.agency.psychiatrist, hidden: true }));
    type('referral-agency-name', 'Орталық');
    fireEvent.click(byId('referral-save'));
    await waitFor(() => expect(errorOf(byId('referral-agency-name'))).toBe(kk.errors.validation));
  });

  it('an edited draft keeps its pupil out of referrals.update and may drop its date', () => {
    const input = updateReferralFormSchema.parse({
      pupilId,
      agencyType: 'psychiatrist',
      agency: { name: 'Орталық', address: ' Абай к-сі, 1 ' },
      reason: 'Себебі',
      request: '',
      sendBy: null,
    });
    expect(input).toEqual({ agencyType: 'psychiatrist', agency: { name: 'Орталық', address: 'Абай к-сі, 1' }, reason: 'Себебі', request: '', sendBy: null });
    expect(referralsMethods['referrals.update'].input.safeParse({ id: caseId, version: 2, ...input }).success).toBe(true);
  });
});

describe('referral status form (referrals.setStatus)', () => {
  it('an answer goes with its date (the core’s rule, on the date field); a withdrawal sends no answer', async () => {
    await i18n.changeLanguage('kk');
    const validate = validateStatus(i18n.t);
    expect(validate({ status: 'accepted', answer: ' Қабылданды ', answeredOn: null })).toEqual({ answeredOn: kk.validation.required });
    expect(validate({ status: null, answer: '', answeredOn: null })).toEqual({ status: kk.validation.required });
    expect(statusFormSchema.parse({ status: 'accepted', answer: ' Қабылданды ', answeredOn: '2026-11-30' })).toEqual({ status: 'accepted', answer: 'Қабылданды', answeredOn: '2026-11-30' });
    expect(statusFormSchema.parse({ status: 'withdrawn', answer: 'ескі', answeredOn: '2026-11-30' })).toEqual({ status: 'withdrawn' });
    expect(statusFormSchema.parse({ status: 'done', answer: '  ', answeredOn: '2026-11-30' })).toEqual({ status: 'done' });
    const input = { id: caseId, version: 2, ...statusFormSchema.parse({ status: 'accepted', answer: 'Қабылданды', answeredOn: '2026-11-30' }) };
    expect(referralsMethods['referrals.setStatus'].input.safeParse(input).success).toBe(true);
  });
});
