import { notifications } from '@mantine/notifications';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import kk from '../../renderer/src/i18n/kk.json';
import type { ApiError } from '../../renderer/src/api/client';
import { GuardianForm } from '../../renderer/src/features/guardians/GuardianForm';
import type { Guardian } from '../../shared/guardians';
import { parseIin } from '../../shared/iin';
import { errorOf, fail, type FakeCore, type FakeHandler, installFakeCore, ok, renderWithApp } from './render';

const PUPIL = '3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a6b';
const saved: Guardian = {
  id: '6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d',
  pupilId: PUPIL,
  fullName: 'Серікова Динара',
  relation: 'mother',
  phones: ['+7 701 111 22 33'],
  legalRepresentative: true,
  iin: null,
  livesWithPupil: true,
  version: 3,
  updatedAt: '2026-11-01T09:00:00.000Z',
};

function field(testId: string): HTMLInputElement {
  const el = screen.getByTestId(testId);
  if (!(el instanceof HTMLInputElement)) throw new Error(`${testId} is no input`);
  return el;
}

describe('guardian form (guardians.create / update on guardianInputSchema)', () => {
  let core: FakeCore;
  let create: FakeHandler;
  let update: FakeHandler;
  let toCaller: ApiError[];
  const onError = (e: ApiError) => {
    toCaller.push(e);
    return Promise.resolve();
  };
  beforeEach(() => {
    notifications.clean();
    toCaller = [];
    create = (i) => ok({ ...saved, ...((i as { guardian: object }).guardian) });
    update = (i) => ok({ ...saved, ...((i as { guardian: object }).guardian) });
    core = installFakeCore({ 'guardians.create': (i) => create(i), 'guardians.update': (i) => update(i) });
  });

  it('refuses an empty name, a wrong phone and a wrong IIN on their fields, and sends nothing', () => {
    renderWithApp(<GuardianForm pupilId={PUPIL} guardian={null} onClose={() => undefined} onError={onError} />);
    fireEvent.change(field('guardian-phones'), { target: { value: '+7 701 111 22 33, 12' } });
    fireEvent.change(field('guardian-iin'), { target: { value: '123456789012' } });
    fireEvent.click(screen.getByTestId('guardian-save'));
    expect(errorOf(field('guardian-name'))).toBe(kk.validation.required);
    expect(errorOf(field('guardian-phones'))).toBe(kk.guardians.phoneInvalid);
    const iin = parseIin('123456789012');
    if (iin.ok) throw new Error('the test IIN should be wrong');
    expect(errorOf(field('guardian-iin'))).toBe(kk.pupils.iinProblem[iin.problem]);
    expect(core.inputs('guardians.create')).toEqual([]);
  });

  it('refuses a fifth phone on the phones field', () => {
    renderWithApp(<GuardianForm pupilId={PUPIL} guardian={saved} onClose={() => undefined} onError={onError} />);
    fireEvent.change(field('guardian-phones'), { target: { value: '87011112233, 87011112234, 87011112235, 87011112236, 87011112237' } });
    fireEvent.click(screen.getByTestId('guardian-save'));
    expect(errorOf(field('guardian-phones'))).toBe(kk.validation.atMost.replace('{{max}}', '4'));
    expect(core.inputs('guardians.update')).toEqual([]);
  });

  it('sends the parsed guardian: name trimmed, phones split, no IIN as none', async () => {
    renderWithApp(<GuardianForm pupilId={PUPIL} guardian={null} onClose={() => undefined} onError={onError} />);
    fireEvent.change(field('guardian-name'), { target: { value: '  Сериков Асхат ' } });
    fireEvent.change(field('guardian-phones'), { target: { value: ' 8 701 111 22 33; +7 (727) 250-00-00 ' } });
    fireEvent.click(screen.getByTestId('guardian-save'));
    await waitFor(() =>
      expect(core.inputs('guardians.create')).toEqual([
        {
          pupilId: PUPIL,
          guardian: {
            fullName: 'Сериков Асхат',
            relation: 'mother',
            phones: ['8 701 111 22 33', '+7 (727) 250-00-00'],
            legalRepresentative: false,
            iin: null,
            livesWithPupil: true,
          },
        },
      ]),
    );
  });

  it("puts the core's refusal of a field on that field; a stale write goes to the caller", async () => {
    update = () => fail('validation', 'too long', { path: 'guardian.fullName' });
    const { unmount } = renderWithApp(<GuardianForm pupilId={PUPIL} guardian={saved} onClose={() => undefined} onError={onError} />);
    fireEvent.click(screen.getByTestId('guardian-save'));
    await waitFor(() => expect(errorOf(field('guardian-name'))).toBe(kk.errors.validation));
    expect(toCaller).toEqual([]);
    expect(core.inputs('guardians.update')).toEqual([
      { id: saved.id, version: 3, guardian: { fullName: saved.fullName, relation: 'mother', phones: saved.phones, legalRepresentative: true, iin: null, livesWithPupil: true } },
    ]);
    unmount();

    update = () => fail('guardians.stale', 'changed since');
    renderWithApp(<GuardianForm pupilId={PUPIL} guardian={saved} onClose={() => undefined} onError={onError} />);
    fireEvent.click(screen.getByTestId('guardian-save'));
    await waitFor(() => expect(toCaller.map((e) => e.code)).toEqual(['guardians.stale']));
  });
});
