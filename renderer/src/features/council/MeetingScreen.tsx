/**
 * One council meeting: date, place, attendance, the agenda (proposed from what is due, accepted, reordered, free
 * items), per item the hearing and the decisions, and the minutes — issued and signed by the secretary, then
 * co-signed by the chair from his own login (documents screen / home screen). Once issued, the meeting is read-only.
 */
import dayjs from 'dayjs';
import { Alert, Badge, Button, Checkbox, Group, Modal, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconArrowLeft, IconCheck, IconPlus, IconSignature, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useForm } from '@mantine/form';
import { z } from 'zod';
import { ATTENDANCE_KINDS, councilMethods, type AttendanceKind, type CouncilRoster, type MeetingDetail } from '../../../../shared/council';
import { applyServerFieldError, zodFormResolver } from '../../app/forms';
import { invalidate, useApiMutation, useApiQuery } from '../../api/hooks';
import { QueryPanel } from '../../app/QueryPanel';
import { ErrorAlert } from '../../app/errors';
import { useNavigate, getRouteApi } from '@tanstack/react-router';
import { AnchorLink } from '../../app/links';
import { useSession } from '../../app/session';
import { currentLanguage } from '../../i18n';
import { AgendaItemEditor, AgendaItemView } from './AgendaItemEditor';
import { FreeItemForm } from './FreeItemForm';
import { STATUS_COLORS, useIsOfficer } from './CouncilScreen';
import { MeetingPlanItems } from './PlanLinks';
import { MeetingForm } from './MeetingForm';
import { IssueMinutesModal } from './IssueModal';

const meetingRoute = getRouteApi('/council/meeting');

export function MeetingScreen() {
  const { id } = meetingRoute.useSearch();
  const meeting = useApiQuery('council.meetings.get', { id }, { enabled: id.length > 0 });
  return <QueryPanel query={meeting}>{(m) => <MeetingView meeting={m} />}</QueryPanel>;
}

function MeetingView({ meeting }: { meeting: MeetingDetail }) {
  const navigate = useNavigate();
  const { t } = useTranslation();
  const roster = useApiQuery('council.roster', { academicYear: meeting.academicYear });
  const officer = useIsOfficer(roster.data);
  const editable = officer && meeting.status === 'planned';
  const { session } = useSession();
  const isSecretary = roster.data?.members.some((m) => m.id === roster.data?.secretaryMemberId && m.accountId === session.accountId) ?? false;
  const [issuing, setIssuing] = useState(false);
  const [extractOf, setExtractOf] = useState<string | null>(null);
  const [inviting, setInviting] = useState(false);
  const [editing, setEditing] = useState(false);
  const qc = useQueryClient();
  const remove = useApiMutation('council.meetings.remove', {
    onSuccess: async () => {
      await invalidate(qc, 'council.meetings.list');
      void navigate({ to: '/council', search: { year: meeting.academicYear } });
    },
  });
  return (
    <Stack p="md">
      <Group justify="space-between">
        <AnchorLink to="/council" search={{ year: meeting.academicYear }} size="sm">
          <Group gap={4}>
            <IconArrowLeft size={14} />
            {t('council.backToMeetings')}
          </Group>
        </AnchorLink>
        <Badge color={STATUS_COLORS[meeting.status]} variant="light" size="lg" data-testid="meeting-status">
          {t(`council.status.${meeting.status}`)}
        </Badge>
      </Group>
      <Group justify="space-between" align="flex-start">
        <Title order={3} data-testid="meeting-title">
          {t('council.minutesNumber', { number: meeting.number })} · {dayjs(meeting.date).format('DD.MM.YYYY')} {meeting.time} · {meeting.place}
        </Title>
        {editable && (
          <Group gap="xs">
            <Button size="compact-sm" variant="default" onClick={() => setEditing(true)} data-testid="meeting-edit">
              {t('council.editMeeting')}
            </Button>
            <Button size="compact-sm" variant="subtle" color="red" loading={remove.isPending} onClick={() => remove.mutate({ id: meeting.id })} data-testid="meeting-remove">
              {t('council.removeMeeting')}
            </Button>
          </Group>
        )}
      </Group>
      <ErrorAlert error={remove.error} />
      {editing && <EditMeetingModal meeting={meeting} onClose={() => setEditing(false)} />}
      {meeting.status !== 'planned' && (
        <Alert color={meeting.status === 'signed' ? 'green' : 'orange'} icon={<IconSignature size={18} />}>
          <Text size="sm">{t(meeting.status === 'signed' ? 'council.signedNote' : 'council.awaitingNote')}</Text>
          <AnchorLink size="sm" to="/documents">
            {t('council.openDocuments')}
          </AnchorLink>
        </Alert>
      )}
      {roster.data && (
        <AttendanceSection
          // saved attendance or roster changed: start again from what is stored
          key={`${meeting.attendance.map((a) => a.id).join()}|${roster.data.members.map((m) => m.id).join()}`}
          meeting={meeting}
          roster={roster.data}
          editable={editable}
        />
      )}
      <Title order={4}>{t('council.agenda')}</Title>
      {editable && <Proposals meetingId={meeting.id} />}
      <AgendaSection meeting={meeting} editable={editable} />
      <MeetingPlanItems meeting={meeting} />
      {meeting.status === 'signed' && isSecretary && meeting.agenda.length > 0 && (
        <Group gap="xs">
          <Text size="sm">{t('council.extractOf')}</Text>
          {meeting.agenda.map((i) => (
            <Button key={i.id} size="compact-sm" variant="light" onClick={() => setExtractOf(i.id)} data-testid={`extract-${i.number}`}>
              {t('council.extractItem', { number: i.number })}
            </Button>
          ))}
        </Group>
      )}
      {editable && <FreeItemForm meetingId={meeting.id} />}
      {editable && isSecretary && (
        <Group justify="flex-end">
          <Button variant="light" onClick={() => setInviting(true)} data-testid="invitation-issue">
            {t('council.issue.invitation.title')}
          </Button>
          <Button leftSection={<IconSignature size={16} />} onClick={() => setIssuing(true)} disabled={meeting.agenda.length === 0} data-testid="minutes-issue">
            {t('council.issue.minutes.title')}
          </Button>
        </Group>
      )}
      {issuing && <IssueMinutesModal meeting={meeting} onClose={() => setIssuing(false)} />}
      {inviting && <IssueMinutesModal meeting={meeting} invitation onClose={() => setInviting(false)} />}
      {extractOf && <IssueMinutesModal meeting={meeting} itemId={extractOf} onClose={() => setExtractOf(null)} />}
    </Stack>
  );
}

interface AttendanceRow {
  kind: AttendanceKind;
  memberId: string | null;
  name: string;
  roleText: string;
  present: boolean;
  reason: string;
}

/** The attendance as `council.attendance.save` checks it (a guest needs a name: the shared schema's rule). */
const attendanceFormSchema = z.object({ entries: councilMethods['council.attendance.save'].input.shape.entries });

function initialAttendance(meeting: MeetingDetail, roster: CouncilRoster): AttendanceRow[] {
  const saved = meeting.attendance;
  const members: AttendanceRow[] = roster.members.map((m) => {
    const a = saved.find((s) => s.memberId === m.id);
    return { kind: 'member', memberId: m.id, name: m.name, roleText: '', present: a ? a.present : true, reason: a?.reason ?? '' };
  });
  const guests: AttendanceRow[] = saved
    .filter((s) => s.kind !== 'member')
    .map((s) => ({ kind: s.kind, memberId: null, name: s.name ?? '', roleText: s.roleText, present: s.present, reason: s.reason ?? '' }));
  return [...members, ...guests];
}

export function AttendanceSection({ meeting, roster, editable }: { meeting: MeetingDetail; roster: CouncilRoster; editable: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  // initialised once from the meeting and the roster; the screen remounts it when the meeting changes
  const form = useForm<{ entries: AttendanceRow[] }>({
    mode: 'controlled',
    initialValues: { entries: initialAttendance(meeting, roster) },
    validate: zodFormResolver<{ entries: AttendanceRow[] }>(attendanceFormSchema, t),
  });
  const save = useApiMutation('council.attendance.save', {
    onSuccess: () => invalidate(qc, 'council.meetings.get'),
    onError: (e) => applyServerFieldError(t, form, e),
  });
  if (!editable) {
    return (
      <Paper withBorder p="md">
        <Text fw={600} size="sm" mb={4}>
          {t('council.attendance')}
        </Text>
        {meeting.attendance.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('council.noAttendance')}
          </Text>
        ) : (
          meeting.attendance.map((a) => (
            <Text size="sm" key={a.id}>
              {a.present ? '✓' : '✗'} {a.name ?? t('council.hidden')}
              {a.roleText ? ` — ${a.roleText}` : ''}
              {!a.present && a.reason ? ` (${a.reason})` : ''}
            </Text>
          ))
        )}
      </Paper>
    );
  }
  const kinds = ATTENDANCE_KINDS.filter((k) => k !== 'member').map((k) => ({ value: k, label: t(`council.attendanceKind.${k}`) }));
  const rows = form.values.entries;
  const submit = (values: { entries: AttendanceRow[] }) =>
    save.mutate({
      meetingId: meeting.id,
      entries: values.entries.map((r) => ({ kind: r.kind, memberId: r.memberId, name: r.kind === 'member' ? '' : r.name.trim(), roleText: r.roleText.trim(), present: r.present, reason: r.present ? '' : r.reason.trim() })),
    });
  return (
    <Paper withBorder p="md">
      <form onSubmit={form.onSubmit(submit)} noValidate>
        <Stack gap="xs">
          <Text fw={600} size="sm">
            {t('council.attendance')}
          </Text>
          <Table>
            <Table.Tbody>
              {rows.map((r, i) => (
                <Table.Tr key={form.key(`entries.${i}`)} data-testid={`attendance-${i}`}>
                  <Table.Td w={40}>
                    <Checkbox aria-label={r.kind === 'member' ? `${t('council.present')}: ${r.name}` : t('council.present')} data-testid={`attendance-present-${i}`} {...form.getInputProps(`entries.${i}.present`, { type: 'checkbox' })} />
                  </Table.Td>
                  <Table.Td>
                    {r.kind === 'member' ? (
                      <Text size="sm">{r.name}</Text>
                    ) : (
                      <Group gap="xs" wrap="nowrap" align="flex-start">
                        <Select data={kinds} allowDeselect={false} w={150} size="xs" aria-label={t('council.guestKind')} {...form.getInputProps(`entries.${i}.kind`)} />
                        <TextInput size="xs" placeholder={t('council.guestName')} aria-label={t('council.guestName')} data-testid={`attendance-name-${i}`} {...form.getInputProps(`entries.${i}.name`)} />
                        <TextInput size="xs" placeholder={t('council.guestRole')} aria-label={t('council.guestRole')} {...form.getInputProps(`entries.${i}.roleText`)} />
                      </Group>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {!r.present && (
                      <TextInput size="xs" placeholder={t('council.absenceReason')} aria-label={t('council.absenceReason')} data-testid={`attendance-reason-${i}`} {...form.getInputProps(`entries.${i}.reason`)} />
                    )}
                  </Table.Td>
                  <Table.Td w={40}>
                    {r.kind !== 'member' && (
                      <Button variant="subtle" color="red" size="compact-xs" onClick={() => form.removeListItem('entries', i)} aria-label={t('council.removeGuest')}>
                        <IconTrash size={14} />
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Group justify="space-between">
            <Button
              variant="subtle"
              leftSection={<IconPlus size={14} />}
              onClick={() => form.insertListItem('entries', { kind: 'parent', memberId: null, name: '', roleText: '', present: true, reason: '' })}
              data-testid="attendance-add-guest"
            >
              {t('council.addGuest')}
            </Button>
            <Button type="submit" variant="light" loading={save.isPending} data-testid="attendance-save">
              {t('council.saveAttendance')}
            </Button>
          </Group>
          <ErrorAlert error={save.error} />
        </Stack>
      </form>
    </Paper>
  );
}

function Proposals({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const lang = currentLanguage();
  const proposals = useApiQuery('council.agenda.proposals', { meetingId });
  const accept = useApiMutation('council.agenda.add', { onSuccess: () => invalidate(qc, 'council.meetings.get', 'council.agenda.proposals') });
  const list = proposals.data ?? [];
  if (list.length === 0) return null;
  return (
    <Paper withBorder p="md" bg="blue.0" data-testid="agenda-proposals">
      <Stack gap="xs">
        <Text fw={600} size="sm">
          {t('council.proposed')}
        </Text>
        {list.map((p, i) => (
          <Group key={`${p.sourceType}:${p.sourceId}`} justify="space-between" wrap="nowrap">
            <Stack gap={0}>
              <Text size="sm">{lang === 'ru' ? p.titleRu : p.titleKk}</Text>
              <Text size="xs" c="dimmed">
                {t(`council.proposalReason.${p.reason}`, p.reasonParams)}
              </Text>
            </Stack>
            <Button
              size="compact-sm"
              variant="light"
              leftSection={<IconCheck size={14} />}
              loading={accept.isPending}
              onClick={() => accept.mutate({ meetingId, source: { type: p.sourceType, id: p.sourceId }, title: lang === 'ru' ? p.titleRu : p.titleKk, pupilId: p.pupilId })}
              data-testid={`proposal-accept-${i}`}
            >
              {t('council.accept')}
            </Button>
          </Group>
        ))}
        <ErrorAlert error={accept.error} />
      </Stack>
    </Paper>
  );
}

function AgendaSection({ meeting, editable }: { meeting: MeetingDetail; editable: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const reorder = useApiMutation('council.agenda.reorder', { onSuccess: () => invalidate(qc, 'council.meetings.get') });
  if (meeting.agenda.length === 0) {
    return (
      <Text c="dimmed" size="sm">
        {t('council.noAgenda')}
      </Text>
    );
  }
  const move = (index: number, dir: -1 | 1) => {
    const ids = meeting.agenda.map((i) => i.id);
    const [moved] = ids.splice(index, 1);
    if (!moved) return;
    ids.splice(index + dir, 0, moved);
    reorder.mutate({ meetingId: meeting.id, itemIds: ids });
  };
  return (
    <Stack>
      {meeting.agenda.map((item, i) =>
        editable ? (
          <AgendaItemEditor key={`${item.id}:${item.number}`} item={item} first={i === 0} last={i === meeting.agenda.length - 1} onMove={(dir) => move(i, dir)} />
        ) : (
          <AgendaItemView key={item.id} item={item} />
        ),
      )}
      <ErrorAlert error={reorder.error} />
    </Stack>
  );
}

/** Signs and issues the minutes, or (`itemId`) an extract of one item of signed minutes; the secretary's own certificate. */
function EditMeetingModal({ meeting, onClose }: { meeting: MeetingDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const update = useApiMutation('council.meetings.update', {
    onSuccess: async () => {
      await invalidate(qc, 'council.meetings.get', 'council.meetings.list');
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={t('council.editMeeting')} centered>
      <MeetingForm
        initialValues={{ number: meeting.number, date: meeting.date, time: meeting.time, place: meeting.place }}
        academicYear={meeting.academicYear}
        numberRequired
        testIdPrefix="edit-meeting"
        submitTestId="edit-meeting-save"
        pending={update.isPending}
        error={update.error}
        onSubmit={(input, fieldError) => update.mutate({ ...input, id: meeting.id }, { onError: (e) => fieldError(e) })}
        onCancel={onClose}
      />
    </Modal>
  );
}
