import { ActionIcon, Badge, Button, Group, Menu, Modal, Select, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconDotsVertical,
  IconKey,
  IconLockOpen,
  IconPencil,
  IconSchool,
  IconUserOff,
  IconUserPlus,
} from '@tabler/icons-react';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../../../shared/accounts';
import { LANGUAGES, type Role } from '../../../../shared/roles';
import { invalidate, useApiMutation, useApiQuery } from '../../api/hooks';
import { QueryPanel } from '../../app/QueryPanel';
import { ErrorAlert, errorText } from '../../app/errors';
import { FormActions } from '../../app/FormActions';
import { applyServerFieldError, serverErrorPath } from '../../app/forms';
import { useSession } from '../../app/session';
import { ClassesModal } from './ClassesModal';
import { NewPasswordFields } from './NewPasswordFields';
import { NewAccountFields } from './NewAccountFields';
import { RolesInput } from './RolesInput';
import {
  ACCOUNT_SERVER_FIELDS,
  createAccountFormSchema,
  editAccountFormSchema,
  emptyNewAccount,
  validateCreateAccount,
  validateEditAccount,
  validateNewPassword,
  type CreateAccountValues,
  type NewPasswordValues,
} from './forms';

type Dialog =
  | { kind: 'create' }
  | { kind: 'edit'; account: Account }
  | { kind: 'password'; account: Account }
  | { kind: 'classes'; account: Account }
  | null;

export function AccountsScreen() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { session } = useSession();
  const list = useApiQuery('accounts.list', { includeDisabled: true });
  const [dialog, setDialog] = useState<Dialog>(null);
  const update = useApiMutation('accounts.update', {
    onSuccess: async (_out, input) => {
      await invalidate(qc, 'accounts.list', 'auth.status');
      notifications.show({
        color: 'green',
        message: input.disabled ? t('accounts.disabledDone') : t('accounts.enabledDone'),
      });
    },
    onError: (e) => notifications.show({ color: 'red', message: errorText(t, e) }),
  });

  const rows = (list.data ?? []).map((a) => (
    <Table.Tr key={a.id} data-testid={`account-row-${a.login}`} c={a.disabled ? 'dimmed' : undefined}>
      <Table.Td>
        <Text fw={600} size="sm">
          {a.displayName}
        </Text>
        <Text size="xs" c="dimmed" ff="monospace">
          {a.login}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          {a.roles.map((r) => (
            <Badge key={r} variant="light" size="sm" style={{ textTransform: 'none' }}>
              {t(`roles.${r}`)}
            </Badge>
          ))}
        </Group>
      </Table.Td>
      <Table.Td>
        {a.disabled ? (
          <Badge color="gray" variant="outline" style={{ textTransform: 'none' }}>
            {t('accounts.disabled')}
          </Badge>
        ) : (
          <Badge color="green" variant="light" style={{ textTransform: 'none' }}>
            {t('accounts.active')}
          </Badge>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm">{a.lastLoginAt ? dayjs(a.lastLoginAt).format('L LT') : t('accounts.never')}</Text>
      </Table.Td>
      <Table.Td>
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon variant="subtle" aria-label={t('common.actions')} data-testid={`account-menu-${a.login}`}>
              <IconDotsVertical size={18} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item leftSection={<IconPencil size={16} />} onClick={() => setDialog({ kind: 'edit', account: a })}>
              {t('accounts.edit')}
            </Menu.Item>
            <Menu.Item
              leftSection={<IconSchool size={16} />}
              onClick={() => setDialog({ kind: 'classes', account: a })}
              data-testid={`account-classes-${a.login}`}
            >
              {t('accounts.classes')}
            </Menu.Item>
            <Menu.Item leftSection={<IconKey size={16} />} onClick={() => setDialog({ kind: 'password', account: a })}>
              {t('accounts.resetPassword')}
            </Menu.Item>
            {a.disabled ? (
              <Menu.Item
                leftSection={<IconLockOpen size={16} />}
                onClick={() => update.mutate({ id: a.id, disabled: false })}
              >
                {t('accounts.enable')}
              </Menu.Item>
            ) : (
              <Menu.Item
                color="red"
                leftSection={<IconUserOff size={16} />}
                disabled={a.id === session.accountId}
                onClick={() => update.mutate({ id: a.id, disabled: true })}
              >
                {t('accounts.disable')}
              </Menu.Item>
            )}
          </Menu.Dropdown>
        </Menu>
      </Table.Td>
    </Table.Tr>
  ));

  return (
    <Stack>
      <Group justify="space-between">
        <Text c="dimmed" size="sm">
          {t('accounts.intro')}
        </Text>
        <Button leftSection={<IconUserPlus size={18} />} onClick={() => setDialog({ kind: 'create' })} data-testid="account-add">
          {t('accounts.add')}
        </Button>
      </Group>
      <QueryPanel query={list}>
        {() =>
          (
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="sm" highlightOnHover data-testid="accounts-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('accounts.person')}</Table.Th>
                  <Table.Th>{t('accounts.roles')}</Table.Th>
                  <Table.Th>{t('accounts.status')}</Table.Th>
                  <Table.Th>{t('accounts.lastLogin')}</Table.Th>
                  <Table.Th w={60}>
                    <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>{rows}</Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )
        }
      </QueryPanel>
      <CreateAccountModal opened={dialog?.kind === 'create'} onClose={() => setDialog(null)} />
      {dialog?.kind === 'edit' && <EditAccountModal account={dialog.account} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'password' && <ResetPasswordModal account={dialog.account} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'classes' && <ClassesModal account={dialog.account} onClose={() => setDialog(null)} />}
    </Stack>
  );
}


export function CreateAccountModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const form = useForm<CreateAccountValues>({
    mode: 'controlled',
    initialValues: { ...emptyNewAccount(), language: 'kk' },
    validate: validateCreateAccount(t),
  });
  const create = useApiMutation('accounts.create', {
    onSuccess: async () => {
      await invalidate(qc, 'accounts.list');
      notifications.show({ color: 'green', message: t('accounts.created') });
      close();
    },
    onError: (e) => applyServerFieldError(t, form, e, ACCOUNT_SERVER_FIELDS),
  });

  const close = () => {
    form.reset();
    create.reset();
    onClose();
  };

  const submit = form.onSubmit((values) => {
    const { repeat: _repeat, ...input } = createAccountFormSchema.parse(values);
    create.mutate(input);
  });

  return (
    <Modal opened={opened} onClose={close} title={t('accounts.add')} size="lg" centered>
      <form onSubmit={submit} noValidate>
        <Stack data-testid="account-create-form">
          <NewAccountFields inputProps={form.getInputProps} loginAutoComplete="off" />
          <Select
            label={t('accounts.language')}
            {...form.getInputProps('language')}
            data={LANGUAGES.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
            allowDeselect={false}
            w={240}
          />
          <RolesInput value={form.getValues().roles} onChange={(roles) => form.setFieldValue('roles', roles)} error={form.errors.roles} />
          <ErrorAlert error={serverErrorPath(create.error, ACCOUNT_SERVER_FIELDS) ? null : create.error} />
          <FormActions onCancel={close} submitLabel={t('accounts.create')} loading={create.isPending} submitTestId="account-create-submit" />
        </Stack>
      </form>
    </Modal>
  );
}

export function EditAccountModal({ account, onClose }: { account: Account; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  // nobody changes their own roles (the core refuses it too: auth.own_roles)
  const own = useSession().session.accountId === account.id;
  const form = useForm<{ displayName: string; roles: Role[] }>({
    mode: 'controlled',
    initialValues: { displayName: account.displayName, roles: account.roles },
    validate: validateEditAccount(t),
  });
  const update = useApiMutation('accounts.update', {
    onSuccess: async () => {
      await invalidate(qc, 'accounts.list', 'auth.status');
      notifications.show({ color: 'green', message: t('common.saved') });
      onClose();
    },
    onError: (e) => applyServerFieldError(t, form, e),
  });

  const submit = form.onSubmit((values) => {
    const parsed = editAccountFormSchema.parse(values);
    update.mutate({ id: account.id, displayName: parsed.displayName, ...(own ? {} : { roles: parsed.roles }) });
  });

  return (
    <Modal opened onClose={onClose} title={t('accounts.edit')} size="lg" centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm" c="dimmed" ff="monospace">
            {account.login}
          </Text>
          <TextInput label={t('accounts.displayName')} {...form.getInputProps('displayName')} required />
          <RolesInput
            value={form.getValues().roles}
            onChange={(roles) => form.setFieldValue('roles', roles)}
            error={form.errors.roles}
            disabled={own} description={own ? t('accounts.ownRoles') : undefined} />
          <ErrorAlert error={serverErrorPath(update.error) ? null : update.error} />
          <FormActions onCancel={onClose} submitLabel={t('common.save')} loading={update.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}

export function ResetPasswordModal({ account, onClose }: { account: Account; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useForm<NewPasswordValues>({
    mode: 'controlled',
    initialValues: { password: '', repeat: '' },
    validate: validateNewPassword(t),
  });
  const reset = useApiMutation('accounts.resetPassword', {
    onSuccess: () => {
      notifications.show({ color: 'green', message: t('accounts.passwordReset') });
      onClose();
    },
    onError: (e) => applyServerFieldError(t, form, e, ACCOUNT_SERVER_FIELDS),
  });

  const submit = form.onSubmit((values) => reset.mutate({ id: account.id, newPassword: values.password }));

  return (
    <Modal opened onClose={onClose} title={t('accounts.resetPassword')} centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">
            {account.displayName} <Text span c="dimmed" ff="monospace">({account.login})</Text>
          </Text>
          <NewPasswordFields inputProps={form.getInputProps} />
          <ErrorAlert error={serverErrorPath(reset.error, ACCOUNT_SERVER_FIELDS) ? null : reset.error} />
          <FormActions onCancel={onClose} submitLabel={t('accounts.resetPassword')} loading={reset.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
