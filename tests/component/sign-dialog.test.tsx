import { fireEvent, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import kk from '../../renderer/src/i18n/kk.json';
import { ApiError } from '../../renderer/src/api/client';
import { SignDialog } from '../../renderer/src/features/plans/SignDialog';
import { PASSWORD_MIN_LENGTH } from '../../shared/auth';
import type { SignerInput, SigningCertificate } from '../../shared/documents';
import { errorOf, installFakeCore, ok } from './render';
import { certificate, renderSignedIn, SCHOOL } from './session';

function field(label: string): HTMLInputElement {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return screen.getByLabelText(new RegExp(`^${escaped}\\s*\\*?$`), { selector: 'input' });
}

function type(label: string, value: string): void {
  fireEvent.change(field(label), { target: { value } });
}

/** A caller of the dialog as the plan, referral and register screens are: it signs, and the core may refuse. */
function Caller({ signs, refuse }: { signs: SignerInput[]; refuse: boolean }) {
  const [error, setError] = useState<unknown>(null);
  return (
    <SignDialog
      opened
      title="Қол қою"
      busy={false}
      error={error}
      onClose={() => undefined}
      onSign={(signer) => {
        signs.push(signer);
        setError(refuse ? new ApiError({ code: 'documents.wrong_p12_password', message: 'wrong password for the PKCS#12 file' }) : null);
      }}
    />
  );
}

describe('sign dialog (signerInputSchema, documents.certificates.create on the contract schemas)', () => {
  it('with no certificate: creates one by the one password rule, then signs with it', async () => {
    const created = certificate({ id: '0e6f5d4c-3b2a-4190-8f7e-6d5c4b3a2910' });
    let list: SigningCertificate[] = [];
    const core = installFakeCore({
      'documents.certificates.list': () => ok(list),
      'school.get': () => ok(SCHOOL),
      'documents.certificates.create': () => {
        list = [created];
        return ok(created);
      },
    });
    const signs: SignerInput[] = [];
    renderSignedIn(<Caller signs={signs} refuse={false} />);
    await screen.findByTestId('cert-create-form');
    await waitFor(() => expect(field(kk.plans.sign.certPosition).value).toBe(SCHOOL.directorPositionKk));

    type(kk.plans.sign.certPosition, '   ');
    type(kk.plans.sign.newPassword, 'x'.repeat(PASSWORD_MIN_LENGTH - 1));
    type(kk.plans.sign.repeatPassword, 'other');
    fireEvent.click(screen.getByTestId('cert-create-submit'));
    expect(errorOf(field(kk.plans.sign.certPosition))).toBe(kk.validation.required);
    expect(errorOf(field(kk.plans.sign.newPassword))).toBe(kk.validation.passwordTooShort.replace('{{min}}', String(PASSWORD_MIN_LENGTH)));
    expect(errorOf(field(kk.plans.sign.repeatPassword))).toBe(kk.validation.passwordMismatch);
    expect(core.inputs('documents.certificates.create')).toEqual([]);

    type(kk.plans.sign.certPosition, '  Директор  ');
    type(kk.plans.sign.newPassword, 'қол-қою-құпиясы');
    type(kk.plans.sign.repeatPassword, 'қол-қою-құпиясы');
    fireEvent.click(screen.getByTestId('cert-create-submit'));
    await waitFor(() =>
      expect(core.inputs('documents.certificates.create')).toEqual([
        { position: 'Директор', organization: SCHOOL.nameKk, password: 'қол-қою-құпиясы', validYears: 3 },
      ]),
    );

    // the sign form opens on the new certificate with the password just chosen
    await screen.findByTestId('sign-form');
    expect(field(kk.plans.sign.password).value).toBe('қол-қою-құпиясы');
    fireEvent.click(screen.getByTestId('sign-submit'));
    await waitFor(() => expect(signs).toEqual([{ certificateId: created.id, password: 'қол-қою-құпиясы' }]));
  });

  it('asks for the password on its field and puts a refused PKCS#12 password there too', async () => {
    const cert = certificate();
    installFakeCore({ 'documents.certificates.list': () => ok([cert]), 'school.get': () => ok(SCHOOL) });
    const signs: SignerInput[] = [];
    renderSignedIn(<Caller signs={signs} refuse />);
    await screen.findByTestId('sign-form');

    fireEvent.click(screen.getByTestId('sign-submit'));
    expect(errorOf(field(kk.plans.sign.password))).toBe(kk.validation.required);
    expect(signs).toEqual([]);

    type(kk.plans.sign.password, 'not-the-password');
    fireEvent.click(screen.getByTestId('sign-submit'));
    await waitFor(() => expect(errorOf(field(kk.plans.sign.password))).toBe(kk.errors.documents.wrong_p12_password));
    expect(signs).toEqual([{ certificateId: cert.id, password: 'not-the-password' }]);
    expect(screen.queryByTestId('error-alert')).toBeNull();

    // typing again clears it; the next refusal lands again
    type(kk.plans.sign.password, 'still-wrong');
    expect(errorOf(field(kk.plans.sign.password))).toBeNull();
    fireEvent.click(screen.getByTestId('sign-submit'));
    await waitFor(() => expect(errorOf(field(kk.plans.sign.password))).toBe(kk.errors.documents.wrong_p12_password));
    expect(signs).toHaveLength(2);
  });
});
