import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import kk from '../../renderer/src/i18n/kk.json';
import { RegisterSchool } from '../../renderer/src/features/district/SchoolsScreen';
import type { CertificateFacts } from '../../shared/district';
import { errorOf, installFakeCore, ok, renderWithApp } from './render';

const facts = {
  fingerprintSha256: 'ab'.repeat(32),
  commonName: 'М.Қаншев',
  organization: '№96 мектеп',
  notBefore: '2026-09-01T00:00:00.000Z',
  notAfter: '2029-09-01T00:00:00.000Z',
  registeredAs: null,
} as unknown as CertificateFacts;

describe('registering a school at the district (district.registerSchool on the contract schema)', () => {
  it('takes the names from the certificate, says a bad code on the code field, then sends code, names and certificate', async () => {
    const core = installFakeCore({
      'district.inspectCertificate': () => ok(facts),
      'district.registerSchool': (input) => ok({ ...(input as object), fingerprintSha256: facts.fingerprintSha256 }),
      'district.schools': () => ok([]),
    });
    const { container } = renderWithApp(<RegisterSchool known={[]} />);
    const file = container.querySelector<HTMLInputElement>('input[type="file"]')!;
    fireEvent.change(file, { target: { files: [new File([new Uint8Array([0x30, 0x82, 0x01])], 'school.cer')] } });
    const code = await screen.findByTestId<HTMLInputElement>('district-school-code');
    expect(screen.getByTestId<HTMLInputElement>('district-school-name-kk').value).toBe('№96 мектеп');
    fireEvent.change(code, { target: { value: '96a' } });
    fireEvent.click(screen.getByTestId('district-register-save'));
    await waitFor(() => expect(errorOf(code)).toBe(kk.district.schools.codeRule));
    expect(core.inputs('district.registerSchool')).toEqual([]);
    fireEvent.change(code, { target: { value: '960000000096' } });
    fireEvent.click(screen.getByTestId('district-register-save'));
    await waitFor(() => expect(core.inputs('district.registerSchool')).toHaveLength(1));
    expect(core.inputs('district.registerSchool')[0]).toEqual({ code: '960000000096', nameKk: '№96 мектеп', nameRu: '№96 мектеп', certificate: 'MIIB' });
  });
});
