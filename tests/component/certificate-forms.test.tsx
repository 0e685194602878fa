import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import kk from '../../renderer/src/i18n/kk.json';
import { CertificatesScreen } from '../../renderer/src/features/documents/CertificatesScreen';
import { PASSWORD_MIN_LENGTH } from '../../shared/auth';
import { errorOf, fail, type FakeCore, installFakeCore, ok } from './render';
import { certificate, DIRECTOR, renderSignedIn, SCHOOL } from './session';

const create = kk.documents.certificates.create;
const imp = kk.documents.certificates.import;

function field(label: string): HTMLInputElement {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return screen.getByLabelText(new RegExp(`^${escaped}\\s*\\*?$`), { selector: 'input' });
}

function type(label: string, value: string): void {
  fireEvent.change(field(label), { target: { value } });
}

const base = {
  'capabilities.mine': () => ok({ documentSign: true }),
  'documents.certificates.list': () => ok([]),
  'school.get': () => ok(SCHOOL),
};

describe("the school's own certificate (documents.certificates.create on the contract schema)", () => {
  let core: FakeCore;
  beforeEach(() => {
    core = installFakeCore({ ...base, 'documents.certificates.create': () => ok(certificate()) });
  });

  async function open(): Promise<HTMLElement> {
    renderSignedIn(<CertificatesScreen />);
    fireEvent.click(await screen.findByTestId('certificates-create'));
    return screen.findByTestId('certificates-create-form');
  }

  it("is in the account's own Cyrillic name; position, school and the one password rule are checked on their fields", async () => {
    const form = await open();
    expect(within(form).getByDisplayValue(DIRECTOR.displayName).getAttribute('name')).toBe('certName');
    expect(field(create.organization).value).toBe(SCHOOL.nameKk);
    type(create.organization, ' ');
    type(create.password, 'x'.repeat(PASSWORD_MIN_LENGTH - 1));
    type(kk.plans.sign.repeatPassword, 'other');
    fireEvent.click(screen.getByTestId('certificates-create-submit'));
    expect(errorOf(field(create.position))).toBe(kk.validation.required);
    expect(errorOf(field(create.organization))).toBe(kk.validation.required);
    expect(errorOf(field(create.password))).toBe(kk.validation.passwordTooShort.replace('{{min}}', String(PASSWORD_MIN_LENGTH)));
    expect(errorOf(field(kk.plans.sign.repeatPassword))).toBe(kk.validation.passwordMismatch);
    expect(core.inputs('documents.certificates.create')).toEqual([]);
  });

  it('sends the parsed value: position and school trimmed, no repeat', async () => {
    await open();
    type(create.position, '  Мектеп директоры ');
    type(create.password, 'қол-қою-құпиясы');
    type(kk.plans.sign.repeatPassword, 'қол-қою-құпиясы');
    fireEvent.click(screen.getByTestId('certificates-create-submit'));
    await waitFor(() =>
      expect(core.inputs('documents.certificates.create')).toEqual([
        { position: 'Мектеп директоры', organization: SCHOOL.nameKk, password: 'қол-қою-құпиясы', validYears: 3 },
      ]),
    );
  });

  it("puts the core's refusal naming a field on that field", async () => {
    core = installFakeCore({ ...base, 'documents.certificates.create': () => fail('validation', 'bad input', { path: 'position' }) });
    await open();
    type(create.position, 'Директор');
    type(create.password, 'қол-қою-құпиясы');
    type(kk.plans.sign.repeatPassword, 'қол-қою-құпиясы');
    fireEvent.click(screen.getByTestId('certificates-create-submit'));
    await waitFor(() => expect(errorOf(field(create.position))).toBe(kk.errors.validation));
    expect(screen.queryByTestId('error-alert')).toBeNull();
  });
});

describe('a .p12 / .pfx file (documents.certificates.import on the contract schema)', () => {
  const bytes = new Uint8Array([0x30, 0x82, 0x01, 0x02, 0xff]);
  const p12 = () => new File([bytes], 'director.p12', { type: 'application/x-pkcs12' });

  async function open(): Promise<HTMLElement> {
    renderSignedIn(<CertificatesScreen />);
    fireEvent.click(await screen.findByTestId('certificates-import'));
    return screen.findByTestId('certificates-import-form');
  }

  function choose(form: HTMLElement): void {
    const input = form.querySelector<HTMLInputElement>('input[type="file"]');
    if (!input) throw new Error('no file input');
    fireEvent.change(input, { target: { files: [p12()] } });
  }

  it('asks for the file before sending anything', async () => {
    const core = installFakeCore({ ...base, 'documents.certificates.import': () => ok(certificate()) });
    const form = await open();
    fireEvent.click(within(form).getByRole('button', { name: imp.submit }));
    expect((await screen.findByTestId('certificates-import-file-error')).textContent).toBe(kk.validation.required);
    expect(core.inputs('documents.certificates.import')).toEqual([]);
  });

  it('sends the file as base64 with its password; a wrong password lands on the password field', async () => {
    let calls = 0;
    const core = installFakeCore({
      ...base,
      'documents.certificates.import': () => (++calls === 1 ? fail('documents.wrong_p12_password', 'wrong password for the PKCS#12 file') : ok(certificate())),
    });
    const form = await open();
    choose(form);
    await within(form).findByText('director.p12');
    type(imp.password, 'not-the-password');
    fireEvent.click(within(form).getByRole('button', { name: imp.submit }));
    await waitFor(() => expect(errorOf(field(imp.password))).toBe(kk.errors.documents.wrong_p12_password));
    expect(screen.getByTestId('certificates-import-password-error').textContent).toBe(kk.errors.documents.wrong_p12_password);
    expect(within(form).queryByTestId('error-alert')).toBeNull();
    expect(core.inputs('documents.certificates.import')).toEqual([
      { p12Base64: btoa(String.fromCharCode(...bytes)), password: 'not-the-password', confirmName: false },
    ]);

    type(imp.password, 'the-password');
    expect(errorOf(field(imp.password))).toBeNull();
    fireEvent.click(within(form).getByRole('button', { name: imp.submit }));
    await waitFor(() => expect(core.inputs('documents.certificates.import')).toHaveLength(2));
    expect(core.inputs('documents.certificates.import')[1]).toMatchObject({ password: 'the-password', confirmName: false });
  });
});
