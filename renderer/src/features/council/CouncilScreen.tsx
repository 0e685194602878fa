/**
 * The prevention council of an academic year: its meetings (numbered, planned, awaiting the chair, signed) and its
 * members with the chair and the secretary. The chair and the secretary prepare meetings; the director and the
 * deputy director appoint the council; every reader sees the list (welfare text needs the protection key).
 */
import dayjs from 'dayjs';
import { Badge, Button, Group, Modal, Select, Stack, Table, Tabs, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CouncilRoster, MeetingStatus } from '../../../../shared/council';
import { academicYearOf, isoDate } from '../../../../shared/calendar';
import { invalidate, useApiMutation, useApiQuery } from '../../api/hooks';
import { QueryPanel } from '../../app/QueryPanel';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { COUNCIL_TABS, oneOf } from '../../app/search';
import { useSession } from '../../app/session';
import { MembersPanel } from './MembersPanel';
import { TEXT_WARNING } from '../../app/theme';
import { useCan } from '../../app/capabilities';
import { MeetingForm } from './MeetingForm';

const councilRoute = getRouteApi('/council');

export function yearLabel(year: number): string {
  return `${year}–${year + 1}`;
}

export function currentYear(): number {
  return academicYearOf(isoDate(new Date()));
}

export const STATUS_COLORS: Record<MeetingStatus, string> = { planned: 'blue', awaiting_chair: 'orange', signed: 'green' };

/** True when the logged-in account is the year's chair or secretary (the core checks again on every write). */
export function useIsOfficer(roster: CouncilRoster | undefined): boolean {
  const { session } = useSession();
  const writer = useCan('councilWrite');
  if (!roster || !writer) return false;
  return roster.members.some((m) => m.accountId === session.accountId && (m.id === roster.chairMemberId || m.id === roster.secretaryMemberId));
}

export function CouncilScreen() {
  const navigate = useNavigate();
  const { t } = useTranslation();
  const search = councilRoute.useSearch();
  const year = search.year ?? currentYear();
  const tab = search.tab ?? 'meetings';
  const roster = useApiQuery('council.roster', { academicYear: year });
  const years = [currentYear() + 1, currentYear(), currentYear() - 1, currentYear() - 2];
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Text c="dimmed" size="sm" maw={620}>
          {t('council.intro')}
        </Text>
        <Select
          aria-label={t('council.year')}
          w={160}
          allowDeselect={false}
          value={String(year)}
          onChange={(v) => v && void navigate({ to: '/council', search: { year: Number(v), tab } })}
          data={years.map((y) => ({ value: String(y), label: yearLabel(y) }))}
          data-testid="council-year"
        />
      </Group>
      <Tabs value={tab} onChange={(v) => void navigate({ to: '/council', search: { year, tab: oneOf(COUNCIL_TABS, v) } })}>
        <Tabs.List>
          <Tabs.Tab value="meetings" data-testid="council-tab-meetings">
            {t('council.meetings')}
          </Tabs.Tab>
          <Tabs.Tab value="members" data-testid="council-tab-members">
            {t('council.members')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="meetings" pt="md">
          <MeetingsPanel year={year} roster={roster.data} />
        </Tabs.Panel>
        <Tabs.Panel value="members" pt="md">
          <QueryPanel query={roster}>{(r) => <MembersPanel key={`${r.chairMemberId}|${r.secretaryMemberId}`} roster={r} />}</QueryPanel>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function MeetingsPanel({ year, roster }: { year: number; roster: CouncilRoster | undefined }) {
  const navigate = useNavigate();
  const { t } = useTranslation();
  const list = useApiQuery('council.meetings.list', { academicYear: year });
  const officer = useIsOfficer(roster);
  const [creating, setCreating] = useState(false);
  return (
    <Stack>
      {roster && (roster.chairMemberId === null || roster.secretaryMemberId === null) && (
        <Text size="sm" c={TEXT_WARNING} data-testid="council-no-officers">
          {t('council.noOfficers')}
        </Text>
      )}
      {officer && (
        <Group>
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} data-testid="council-new-meeting">
            {t('council.newMeeting')}
          </Button>
        </Group>
      )}
      <QueryPanel query={list}>
        {(meetings) =>
          meetings.length === 0 ? (
            <Text p="md" c="dimmed">
              {t('council.noMeetings')}
            </Text>
          ) : (
            <Table highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>№</Table.Th>
                  <Table.Th>{t('council.date')}</Table.Th>
                  <Table.Th>{t('council.place')}</Table.Th>
                  <Table.Th>{t('council.agendaCount')}</Table.Th>
                  <Table.Th>{t('council.statusLabel')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {meetings.map((m) => (
                  <Table.Tr key={m.id} style={{ cursor: 'pointer' }} onClick={() => void navigate({ to: '/council/meeting', search: { id: m.id } })} data-testid={`council-meeting-${m.number}`}>
                    <Table.Td>{m.number}</Table.Td>
                    <Table.Td>
                      {dayjs(m.date).format('DD.MM.YYYY')} {m.time}
                    </Table.Td>
                    <Table.Td>{m.place}</Table.Td>
                    <Table.Td>{m.agendaCount}</Table.Td>
                    <Table.Td>
                      <Badge color={STATUS_COLORS[m.status]} variant="light">
                        {t(`council.status.${m.status}`)}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )
        }
      </QueryPanel>
      <NewMeetingModal year={year} opened={creating} onClose={() => setCreating(false)} />
    </Stack>
  );
}

function NewMeetingModal({ year, opened, onClose }: { year: number; opened: boolean; onClose: () => void }) {
  const navigate = useNavigate();
  const { t } = useTranslation();
  const qc = useQueryClient();
  const create = useApiMutation('council.meetings.create', {
    onSuccess: async (m) => {
      await invalidate(qc, 'council.meetings.list');
      onClose();
      void navigate({ to: '/council/meeting', search: { id: m.id } });
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t('council.newMeeting')} centered>
      {opened && (
        <MeetingForm
          initialValues={{ number: '', date: isoDate(new Date()), time: '15:00', place: '' }}
          academicYear={year}
          numberRequired={false}
          numberHint={t('council.numberHint')}
          testIdPrefix="meeting"
          submitTestId="meeting-create"
          pending={create.isPending}
          error={create.error}
          onSubmit={(input, fieldError) => create.mutate(input, { onError: (e) => fieldError(e) })}
          onCancel={onClose}
        />
      )}
    </Modal>
  );
}
