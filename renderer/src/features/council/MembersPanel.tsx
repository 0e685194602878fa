/**
 * The council of a year: members (staff accounts or outside members, with the name and the position the minutes
 * print in kk and ru) and its chair and secretary. Appointed by the director or the deputy director.
 */
import { ActionIcon, Badge, Button, Group, Modal, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CouncilMember, CouncilRoster } from '../../../../shared/council';
import { invalidate, useApiMutation, useApiQuery } from '../../api/hooks';
import { ErrorAlert } from '../../app/errors';
import { useCan } from '../../app/capabilities';

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
      {editing && <MemberModal year={roster.academicYear} member={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

function MemberModal({ year, member, onClose }: { year: number; member: CouncilMember | null; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const staff = useApiQuery('council.staff', {});
  const [accountId, setAccountId] = useState<string | null>(member?.accountId ?? null);
  const [name, setName] = useState(member?.name ?? '');
  const [positionKk, setPositionKk] = useState(member?.positionKk ?? '');
  const [positionRu, setPositionRu] = useState(member?.positionRu ?? '');
  const save = useApiMutation('council.members.save', {
    onSuccess: async () => {
      await invalidate(qc, 'council.roster');
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={member ? t('council.editMember') : t('council.addMember')} centered>
      <Stack>
        <Select
          label={t('council.account')}
          description={t('council.accountHint')}
          clearable
          data={(staff.data ?? []).map((a) => ({ value: a.id, label: a.displayName }))}
          value={accountId}
          onChange={(v) => {
            setAccountId(v);
            const a = staff.data?.find((s) => s.id === v);
            if (a && name.trim().length === 0) setName(a.displayName);
          }}
          data-testid="member-account"
        />
        <TextInput label={t('council.memberName')} description={t('council.memberNameHint')} value={name} onChange={(e) => setName(e.currentTarget.value)} data-testid="member-name" />
        <TextInput label={t('council.positionKk')} value={positionKk} onChange={(e) => setPositionKk(e.currentTarget.value)} data-testid="member-position-kk" />
        <TextInput label={t('council.positionRu')} value={positionRu} onChange={(e) => setPositionRu(e.currentTarget.value)} data-testid="member-position-ru" />
        <ErrorAlert error={save.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            loading={save.isPending}
            disabled={!name.trim() || !positionKk.trim() || !positionRu.trim()}
            onClick={() => save.mutate({ ...(member ? { id: member.id } : {}), academicYear: year, accountId, name, positionKk, positionRu })}
            data-testid="member-save"
          >
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
