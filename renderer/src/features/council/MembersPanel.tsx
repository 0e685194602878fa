/**
 * The council of a year: members (staff accounts or outside members, with the name and the position the minutes
 * print in kk and ru) and its chair and secretary. Appointed by the director or the deputy director. A member's form
 * is checked by the contract's `memberInputSchema` (features/council/forms.ts).
 */
import { ActionIcon, Badge, Button, Group, Modal, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CouncilMember, CouncilRoster } from '../../../../shared/council';
import { invalidate, useApiMutation, useApiQuery } from '../../api/hooks';
import { ErrorAlert } from '../../app/errors';
import { limitHint } from '../../app/fieldErrors';
import { applyServerFieldError, serverErrorPath } from '../../app/forms';
import { useCan } from '../../app/capabilities';
import { MEMBER_LIMITS, memberInput, validateMember, type MemberValues } from './forms';
import { FormActions } from '../../app/FormActions';

export function MembersPanel({ roster }: { roster: CouncilRoster }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const canAppoint = useCan('councilAppoint');
  const [editing, setEditing] = useState<CouncilMember | 'new' | null>(null);
  const [chair, setChair] = useState<string | null>(roster.chairMemberId);
  const [secretary, setSecretary] = useState<string | null>(roster.secretaryMemberId);
  const remove = useApiMutation('council.members.remove', { onSuccess: () => invalidate(qc, 'council.roster') });
  const officers = useApiMutation('council.officers.set', { onSuccess: () => invalidate(qc, 'council.roster') });
  const withAccount = roster.members.filter((m) => m.accountId !== null).map((m) => ({ value: m.id, label: m.name }));
  return (
    <Stack>
      {canAppoint && (
        <Group>
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="council-add-member">
            {t('council.addMember')}
          </Button>
        </Group>
      )}
      {roster.members.length === 0 ? (
        <Text c="dimmed">{t('council.noMembers')}</Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('council.memberName')}</Table.Th>
              <Table.Th>{t('council.positionKk')}</Table.Th>
              <Table.Th>{t('council.positionRu')}</Table.Th>
              <Table.Th>{t('council.duty')}</Table.Th>
              {canAppoint && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {roster.members.map((m) => (
              <Table.Tr key={m.id} data-testid={`council-member-${m.name}`}>
                <Table.Td>
                  {m.name}
                  {m.accountId === null && (
                    <Badge ml="xs" size="xs" variant="light" color="gray">
                      {t('council.outside')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{m.positionKk}</Table.Td>
                <Table.Td>{m.positionRu}</Table.Td>
                <Table.Td>{m.duty === 'member' ? '' : <Badge variant="light">{t(`council.dutyLabel.${m.duty}`)}</Badge>}</Table.Td>
                {canAppoint && (
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <ActionIcon variant="subtle" aria-label={t('council.editMember')} onClick={() => setEditing(m)}>
                        <IconPencil size={16} />
                      </ActionIcon>
                      <ActionIcon variant="subtle" color="red" aria-label={t('council.removeMember')} onClick={() => remove.mutate({ id: m.id })}>
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <ErrorAlert error={remove.error} />
      {canAppoint && roster.members.length > 0 && (
        <Group align="flex-end">
          <Select label={t('council.dutyLabel.chair')} data={withAccount} value={chair} onChange={setChair} w={240} data-testid="council-chair" />
          <Select label={t('council.dutyLabel.secretary')} data={withAccount} value={secretary} onChange={setSecretary} w={240} data-testid="council-secretary" />
          <Button
            variant="light"
            loading={officers.isPending}
            disabled={!chair || !secretary}
            onClick={() => chair && secretary && officers.mutate({ academicYear: roster.academicYear, chairMemberId: chair, secretaryMemberId: secretary })}
            data-testid="council-set-officers"
          >
            {t('council.setOfficers')}
          </Button>
        </Group>
      )}
      <ErrorAlert error={officers.error} />
      {editing && <MemberModal key={editing === 'new' ? 'new' : editing.id} year={roster.academicYear} member={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

function MemberModal({ year, member, onClose }: { year: number; member: CouncilMember | null; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const staff = useApiQuery('council.staff', {});
  const form = useForm<MemberValues>({
    mode: 'controlled',
    initialValues: { accountId: member?.accountId ?? null, name: member?.name ?? '', positionKk: member?.positionKk ?? '', positionRu: member?.positionRu ?? '' },
    validate: validateMember(t),
  });
  const v = form.getValues();
  const save = useApiMutation('council.members.save', {
    onSuccess: async () => {
      await invalidate(qc, 'council.roster');
      onClose();
    },
    onError: (e) => applyServerFieldError(t, form, e),
  });
  const path = serverErrorPath(save.error);
  const text = (k: 'name' | 'positionKk' | 'positionRu', description?: string) => ({
    ...form.getInputProps(k),
    description: limitHint(t, v[k], MEMBER_LIMITS[k]) ?? description,
  });
  return (
    <Modal opened onClose={onClose} title={member ? t('council.editMember') : t('council.addMember')} centered>
      <form noValidate onSubmit={form.onSubmit((values) => save.mutate(memberInput(year, member?.id, values)))}>
        <Stack>
          <Select
            label={t('council.account')}
            description={t('council.accountHint')}
            clearable
            data={(staff.data ?? []).map((a) => ({ value: a.id, label: a.displayName }))}
            value={v.accountId}
            onChange={(id) => {
              const a = staff.data?.find((s) => s.id === id);
              // a staff member's name is the account's, unless one is typed already
              form.setValues({ accountId: id, ...(a && v.name.trim().length === 0 ? { name: a.displayName } : {}) });
            }}
            error={form.errors.accountId}
            data-testid="member-account"
          />
          <TextInput label={t('council.memberName')} required {...text('name', t('council.memberNameHint'))} data-testid="member-name" />
          <TextInput label={t('council.positionKk')} required {...text('positionKk')} data-testid="member-position-kk" />
          <TextInput label={t('council.positionRu')} required {...text('positionRu')} data-testid="member-position-ru" />
          <ErrorAlert error={path !== null && path in v ? null : save.error} />
          <FormActions submitLabel={t('common.save')} onCancel={onClose} loading={save.isPending} submitTestId="member-save" />
        </Stack>
      </form>
    </Modal>
  );
}
