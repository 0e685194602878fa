/**
 * The restore form's values and checks on the contract's schema (`backup.checkRestore`: the file and the secret that
 * opens it, shared/backup.ts `restoreSecretSchema`): the school's recovery key, or the district's age key with an
 * account of the backup. A refusal about the key or the password lands on that field.
 */
import type { FormErrors } from '@mantine/form';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { backupMethods } from '../../../../shared/backup';
import { zodFormResolver, type ServerFieldMap } from '../../app/forms';

export interface RestoreValues {
  /** the backup file chosen in the open dialog (a path), or null */
  file: string | null;
  kind: 'recovery' | 'district';
  recoveryKey: string;
  identity: string;
  login: string;
  password: string;
}

export const emptyRestore: RestoreValues = { file: null, kind: 'recovery', recoveryKey: '', identity: '', login: '', password: '' };

const checkInput = backupMethods['backup.checkRestore'].input;
type CheckInput = z.input<typeof checkInput>;

/** What `backup.checkRestore` is asked with: only the fields of the chosen way. */
function draftOf(values: RestoreValues): CheckInput {
  const secret: CheckInput['secret'] =
    values.kind === 'recovery'
      ? { kind: 'recovery', recoveryKey: values.recoveryKey }
      : { kind: 'district', identity: values.identity, login: values.login, password: values.password };
  return { file: values.file ?? '', secret };
}

/** The form's check: the contract's, its `secret.` paths named as the form's fields. */
export function validateRestore(t: TFunction) {
  const check = zodFormResolver<CheckInput>(checkInput, t, { 'secret.recoveryKey': 'validation.recoveryKey', file: 'validation.required' });
  return (values: RestoreValues): FormErrors => {
    const errors: FormErrors = {};
    for (const [path, message] of Object.entries(check(draftOf(values)))) errors[path.replace(/^secret\./, '')] = message;
    return errors;
  };
}

/** The parsed value sent (key, identity and login trimmed). */
export const restoreInputOf = (values: RestoreValues): z.output<typeof checkInput> => checkInput.parse(draftOf(values));

/** Refusals of the core about one field: the key that does not open the backup, an account's password. */
export function restoreServerFields(kind: RestoreValues['kind']): ServerFieldMap {
  return {
    codes: {
      'auth.wrong_recovery_key': 'recoveryKey',
      'backup.wrong_key': kind === 'recovery' ? 'recoveryKey' : 'identity',
      'backup.recovery_key_needed': 'recoveryKey',
      'auth.wrong_password': 'password',
    },
  };
}
