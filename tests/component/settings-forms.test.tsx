import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import kk from '../../renderer/src/i18n/kk.json';
import { SchoolForm } from '../../renderer/src/features/school/SchoolScreen';
import { IdleLockForm } from '../../renderer/src/features/settings/SettingsScreen';
import type { SchoolProfile } from '../../shared/school';
import { errorOf, fail, installFakeCore, ok, renderWithApp } from './render';

const stored: SchoolProfile = {
  nameKk: '№96 жалпы білім беретін мектеп',
  nameRu: 'Общеобразовательная школа №96',
  number: '96',
  namedAfterKk: '',
  namedAfterRu: '',
  addressKk: '',
  addressRu: '',
  districtDepartmentKk: '',
  districtDepartmentRu: '',
  directorName: 'Сәулет Нұрланқызы',
  directorPositionKk: '№96 мектеп директоры',
  directorPositionRu: 'Директор школы №96',
};

describe('school profile form (school.update on schoolProfileSchema)', () => {
  it('starts from the stored profile, shows a required field left empty on that field, and sends the trimmed profile', async () => {
    const core = installFakeCore({ 'school.update': (input) => ok(input) });
    renderWithApp(<SchoolForm saved={stored} />);
    const director = screen.getByTestId<HTMLInputElement>('school-directorName');
    expect(director.value).toBe(stored.directorName);

    fireEvent.change(director, { target: { value: '   ' } });
    fireEvent.click(screen.getByTestId('school-save'));
    await waitFor(() => expect(errorOf(director)).toBe(kk.validation.required));
    expect(core.inputs('school.update')).toEqual([]);

    fireEvent.change(director, { target: { value: '  Айжан Серікқызы ' } });
    expect(errorOf(director)).toBeNull();
    fireEvent.click(screen.getByTestId('school-save'));
    await waitFor(() => expect(core.inputs('school.update')).toEqual([{ ...stored, directorName: 'Айжан Серікқызы' }]));
  });

  it("puts the core's refusal that names a field on that field", async () => {
    installFakeCore({ 'school.update': () => fail('validation', 'the input does not match the method', { path: 'number' }) });
    renderWithApp(<SchoolForm saved={stored} />);
    fireEvent.click(screen.getByTestId('school-save'));
    await waitFor(() => expect(errorOf(screen.getByTestId('school-number'))).toBe(kk.errors.validation));
  });
});

describe('idle lock form (settings.update on settingsSchema)', () => {
  it('shows the range on the field while the number is out of it, and sends a number', async () => {
    const core = installFakeCore({ 'settings.update': (input) => ok(input), 'auth.status': () => ok(null) });
    renderWithApp(<IdleLockForm saved={{ idleLockMinutes: 15 }} />);
    const minutes = screen.getByTestId<HTMLInputElement>('settings-idle-minutes');
    expect(minutes.value).toBe('15');
    fireEvent.change(minutes, { target: { value: '500' } });
    await waitFor(() => expect(errorOf(minutes)).toBe(kk.validation.range.replace('{{min}}', '1').replace('{{max}}', '240')));
    expect(screen.getByTestId<HTMLButtonElement>('settings-idle-save').disabled).toBe(true);

    fireEvent.change(minutes, { target: { value: '30' } });
    await waitFor(() => expect(errorOf(minutes)).toBeNull());
    fireEvent.click(screen.getByTestId('settings-idle-save'));
    await waitFor(() => expect(core.inputs('settings.update')).toEqual([{ idleLockMinutes: 30 }]));
  });
});
