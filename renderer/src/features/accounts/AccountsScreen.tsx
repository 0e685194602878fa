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
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../../../shared/accounts';
import { LANGUAGES, type Language, type Role } from '../../../../shared/roles';
import { invalidate, useApiMutation, useApiQuery } from '../../api/hooks';
import { QueryPanel } from '../../app/QueryPanel';
import { ErrorAlert, errorText } from '../../app/errors';
import { useSession } from '../../app/session';
import { ClassesModal } from './ClassesModal';
import { NewPasswordFields } from './NewPasswordFields';
import { NewAccountFields } from './NewAccountFields';
import { RolesInput } from './RolesInput';
import { validateNewAccount, validatePassword, type NewAccountDraft, type NewAccountErrors } from './validate';

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

const emptyDraft: NewAccountDraft = { login: '', displayName: '', password: '', repeat: '', roles: [] };

function CreateAccountModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [draft, setDraft] = useState<NewAccountDraft>(emptyDraft);
  const [language, setLanguage] = useState<Language>('kk');
  const [errors, setErrors] = useState<NewAccountErrors>({});
  const create = useApiMutation('accounts.create', {
    onSuccess: async () => {
      await invalidate(qc, 'accounts.list');
      notifications.show({ color: 'green', message: t('accounts.created') });
      close();
    },
  });

  const close = () => {
    setDraft(emptyDraft);
    setErrors({});
    create.reset();
    onClose();
  };

  const submit = () => {
    const e = validateNewAccount(t, draft);
    setErrors(e);
    if (Object.keys(e).length > 0) return;
    create.mutate({
      login: draft.login.trim(),
      displayName: draft.displayName.trim(),
      roles: draft.roles,
      password: draft.password,
      language,
    });
  };

  return (
    <Modal opened={opened} onClose={close} title={t('accounts.add')} size="lg" centered>
      <Stack data-testid="account-create-form">
        <NewAccountFields draft={draft} onChange={setDraft} errors={errors} loginAutoComplete="off" />
        <Select
          label={t('accounts.language')}
          value={language}
          onChange={(v) => setLanguage(v === 'ru' ? 'ru' : 'kk')}
          data={LANGUAGES.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
          allowDeselect={false}
          w={240}
        />
        <RolesInput value={draft.roles} onChange={(roles) => setDraft({ ...draft, roles })} error={errors.roles} />
        <ErrorAlert error={create.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button onClick={submit} loading={create.isPending} data-testid="account-create-submit">
            {t('accounts.create')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function EditAccountModal({ account, onClose }: { account: Account; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  // nobody changes their own roles (the core refuses it too: auth.own_roles)
  const own = useSession().session.accountId === account.id;
  const [displayName, setDisplayName] = useState(account.displayName);
  const [roles, setRoles] = useState<Role[]>(account.roles);
  const [errors, setErrors] = useState<{ displayName?: string; roles?: string }>({});
  const update = useApiMutation('accounts.update', {
    onSuccess: async () => {
      await invalidate(qc, 'accounts.list', 'auth.status');
      notifications.show({ color: 'green', message: t('common.saved') });
      onClose();
    },
  });

  const submit = () => {
    const e: { displayName?: string; roles?: string } = {};
    if (!displayName.trim()) e.displayName = t('validation.required');
    if (roles.length === 0) e.roles = t('validation.rolesRequired');
    setErrors(e);
    if (Object.keys(e).length > 0) return;
    update.mutate({ id: account.id, displayName: displayName.trim(), ...(own ? {} : { roles }) });
  };

  return (
    <Modal opened onClose={onClose} title={t('accounts.edit')} size="lg" centered>
      <Stack>
        <Text size="sm" c="dimmed" ff="monospace">
          {account.login}
        </Text>
        <TextInput
          label={t('accounts.displayName')}
          value={displayName}
          onChange={(e) => setDisplayName(e.currentTarget.value)}
          error={errors.displayName}
          required
        />
        <RolesInput value={roles} onChange={setRoles} error={errors.roles} disabled={own} description={own ? t('accounts.ownRoles') : undefined} />
        <ErrorAlert error={update.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={submit} loading={update.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function ResetPasswordModal({ account, onClose }: { account: Account; onClose: () => void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<{ password?: string; repeat?: string }>({});
  const reset = useApiMutation('accounts.resetPassword', {
    onSuccess: () => {
      notifications.show({ color: 'green', message: t('accounts.passwordReset') });
      onClose();
    },
  });

  const submit = () => {
    const e = validatePassword(t, password, repeat);
    setErrors(e);
    if (Object.keys(e).length > 0) return;
    reset.mutate({ id: account.id, newPassword: password });
  };

  return (
    <Modal opened onClose={onClose} title={t('accounts.resetPassword')} centered>
      <Stack>
        <Text size="sm">
          {account.displayName} <Text span c="dimmed" ff="monospace">({account.login})</Text>
        </Text>
        <NewPasswordFields password={password} repeat={repeat} onPassword={setPassword} onRepeat={setRepeat} errors={errors} />
        <ErrorAlert error={reset.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={submit} loading={reset.isPending}>
            {t('accounts.resetPassword')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
