import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import kk from '../../renderer/src/i18n/kk.json';
import { RestorePanel } from '../../renderer/src/features/backup/RestorePanel';
import type { BackupJob } from '../../shared/backup';
import { errorOf, fail, type FakeHandler, installFakeCore, ok, renderWithApp } from './render';

const r = kk.backup.restore;
const FILE = '/media/stick/Qorgan/qorgan-2026-11-29.qorgan-backup';
const KEY = 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789-ABCD-EFGH-JKMN-PQRS-TVWX-YZ01';
const JOB_ID = '7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d';

function field(label: string, selector = 'input'): HTMLInputElement {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return screen.getByLabelText(new RegExp(`^${escaped}\\s*\\*?$`), { selector });
}

function type(label: string, value: string, selector = 'input'): void {
  fireEvent.change(field(label, selector), { target: { value } });
}

const job = (over: Partial<BackupJob>): BackupJob => ({
  id: JOB_ID,
  kind: 'restore',
  phase: 'checking',
  bytesDone: 0,
  bytesTotal: 100,
  fraction: 0,
  error: null,
  record: null,
  preview: null,
  ...over,
});

function setup(handlers: Record<string, FakeHandler>) {
  const core = installFakeCore({ 'backup.chooseFile': () => ok(FILE), ...handlers });
  renderWithApp(<RestorePanel overExisting={false} onRestored={() => undefined} />);
  return core;
}

async function chooseFile(): Promise<void> {
  fireEvent.click(screen.getByTestId('restore-choose-file'));
  await waitFor(() => expect(screen.getByTestId('restore-file').textContent).toBe('qorgan-2026-11-29.qorgan-backup'));
}

describe('restore form (backup.checkRestore on the contract schema)', () => {
  it('asks for the file and a whole recovery key on their fields and sends nothing', () => {
    const core = setup({ 'backup.checkRestore': () => ok(job({})) });
    type(r.recoveryKey, 'ABCD-EFGH', 'textarea');
    fireEvent.click(screen.getByTestId('restore-check'));
    expect(screen.getByTestId('restore-file-error').textContent).toBe(kk.validation.required);
    expect(errorOf(field(r.recoveryKey, 'textarea'))).toBe(kk.validation.recoveryKey);
    expect(core.inputs('backup.checkRestore')).toEqual([]);
  });

  it('sends the parsed value: the chosen file and the key trimmed, nothing of the other way', async () => {
    const core = setup({ 'backup.checkRestore': () => ok(job({})), 'backup.job': () => ok(job({})) });
    await chooseFile();
    type(r.recoveryKey, `  ${KEY}\n`, 'textarea');
    fireEvent.click(screen.getByTestId('restore-check'));
    await waitFor(() => expect(core.inputs('backup.checkRestore')).toEqual([{ file: FILE, secret: { kind: 'recovery', recoveryKey: KEY } }]));
  });

  it('puts a mistyped recovery key on the key field and keeps it', async () => {
    setup({ 'backup.checkRestore': () => fail('auth.wrong_recovery_key', 'the recovery key is malformed') });
    await chooseFile();
    type(r.recoveryKey, KEY, 'textarea');
    fireEvent.click(screen.getByTestId('restore-check'));
    await waitFor(() => expect(errorOf(field(r.recoveryKey, 'textarea'))).toBe(kk.errors.auth.wrong_recovery_key));
    expect(screen.queryByTestId('error-alert')).toBeNull();
    expect(field(r.recoveryKey, 'textarea').value).toBe(KEY);
  });

  it('puts a key that does not open the backup (found by the check job) on the key field', async () => {
    setup({
      'backup.checkRestore': () => ok(job({})),
      'backup.job': () => ok(job({ phase: 'failed', error: { code: 'backup.wrong_key', message: 'the key does not open this backup' } })),
    });
    await chooseFile();
    type(r.recoveryKey, KEY, 'textarea');
    fireEvent.click(screen.getByTestId('restore-check'));
    await waitFor(() => expect(errorOf(field(r.recoveryKey, 'textarea'))).toBe(kk.errors.backup.wrong_key));
    expect(screen.queryByTestId('restore-failed')).toBeNull();
  });

  it("with the district's key: the key, an account's login and password are checked and sent trimmed", async () => {
    const core = setup({ 'backup.checkRestore': () => fail('auth.wrong_password', 'wrong password'), 'backup.job': () => ok(job({})) });
    await chooseFile();
    fireEvent.click(screen.getByText(r.withDistrictKey));
    fireEvent.click(screen.getByTestId('restore-check'));
    expect(errorOf(field(r.districtKey, 'textarea'))).toBe(kk.validation.atLeastChars.replace('{{min}}', '20'));
    expect(errorOf(field(r.login))).toBe(kk.validation.required);
    expect(errorOf(field(r.password))).toBe(kk.validation.required);
    expect(core.inputs('backup.checkRestore')).toEqual([]);

    const identity = `AGE-SECRET-KEY-1${'Q'.repeat(58)}`;
    type(r.districtKey, ` ${identity}\n`, 'textarea');
    type(r.login, ' director ');
    type(r.password, 'құпия сөз 1');
    fireEvent.click(screen.getByTestId('restore-check'));
    await waitFor(() =>
      expect(core.inputs('backup.checkRestore')).toEqual([
        { file: FILE, secret: { kind: 'district', identity, login: 'director', password: 'құпия сөз 1' } },
      ]),
    );
    await waitFor(() => expect(errorOf(field(r.password))).toBe(kk.errors.auth.wrong_password));
  });
});
