/**
 * For every staff account: log a concern (what was seen or heard, when, where, the form of harm, the pupils and
 * their roles), then "my concerns" with the office's answers, and "my tasks" given to them in a case. What is written
 * here is sealed for the protection office: the author does not read it back, and sees nothing of the case.
 */
import { Alert, Badge, Button, Checkbox, Group, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLock, IconMessageReport } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FORMS_OF_HARM, type FormOfHarm } from '../../../../shared/cases';
import { invalidate, useApiMutation, useApiQuery } from '../../api/hooks';
import { QueryPanel } from '../../app/QueryPanel';
import { errorText } from '../../app/errors';
import { DateText, PupilPicker, showDate, today, type Picked } from './parts';
import { ReferenceButton } from '../reference/Reference';

export function ConcernsScreen() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <Stack>
      <Group justify="space-between">
        <Text c="dimmed" maw={720}>
          {t('cases.concernIntro')}
        </Text>
        {!open && (
          <Button leftSection={<IconMessageReport size={18} />} color="red" onClick={() => setOpen(true)} data-testid="concern-new">
            {t('cases.logConcern')}
          </Button>
        )}
      </Group>
      {open && <ConcernForm onDone={() => setOpen(false)} />}
      <MyConcerns />
      <MyTasks />
    </Stack>
  );
}

function ConcernForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [what, setWhat] = useState('');
  const [where, setWhere] = useState('');
  const [date, setDate] = useState<string | null>(today());
  const [time, setTime] = useState('');
  const [harm, setHarm] = useState<FormOfHarm | null>(null);
  const [pupils, setPupils] = useState<Picked[]>([]);
  const timeOk = time.trim() === '' || /^([01]\d|2[0-3]):[0-5]\d$/u.test(time.trim());
  const log = useApiMutation('concerns.log', {
    onSuccess: async (r) => {
      notifications.show({ color: 'green', message: t('cases.concernLogged', { number: r.number }) });
      await invalidate(qc, 'concerns.mine');
      onDone();
    },
    onError: (e) => notifications.show({ color: 'red', message: errorText(t, e) }),
  });
  const ready = what.trim().length > 0 && date !== null && timeOk && harm !== null && pupils.length > 0;
  return (
    <Paper withBorder p="md" radius="md" data-testid="concern-form">
      <Stack>
        <Group justify="space-between">
          <Title order={4}>{t('cases.logConcern')}</Title>
          <ReferenceButton />
        </Group>
        <Alert color="blue" variant="light" icon={<IconLock size={18} />}>
          {t('cases.concernSealed')}
        </Alert>
        <Textarea label={t('cases.what')} description={t('cases.whatHint')} autosize minRows={4} maxLength={4000} value={what} onChange={(e) => setWhat(e.currentTarget.value)} required data-testid="concern-what" />
        <SimpleGrid cols={{ base: 1, md: 3 }}>
          <DateText label={t('cases.when')} value={date} onChange={setDate} name="concern-date" required />
          <TextInput label={t('cases.time')} placeholder="14:30" value={time} onChange={(e) => setTime(e.currentTarget.value)} error={timeOk ? undefined : t('cases.timeInvalid')} w={120} data-testid="concern-time" />
          <TextInput label={t('cases.where')} value={where} maxLength={200} onChange={(e) => setWhere(e.currentTarget.value)} data-testid="concern-where" />
        </SimpleGrid>
        <Select
          label={t('cases.formOfHarm')}
          data={FORMS_OF_HARM.map((h) => ({ value: h, label: t(`cases.harm.${h}`) }))}
          value={harm}
          onChange={(v) => setHarm(v)}
          required
          maw={420}
          data-testid="concern-harm"
        />
        <PupilPicker value={pupils} onChange={setPupils} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button
            disabled={!ready}
            loading={log.isPending}
            onClick={() =>
              harm &&
              date &&
              log.mutate({
                what: what.trim(),
                where: where.trim(),
                occurredAt: time.trim() ? `${date}T${time.trim()}` : date,
                formOfHarm: harm,
                pupils: pupils.map(({ pupilId, role }) => ({ pupilId, role })),
              })
            }
            data-testid="concern-submit"
          >
            {t('cases.sendConcern')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

export function ConcernStatusBadge({ status }: { status: 'awaiting' | 'case' | 'no_action' }) {
  const { t } = useTranslation();
  const color = status === 'awaiting' ? 'orange' : status === 'case' ? 'blue' : 'gray';
  return (
    <Badge color={color} variant="light" style={{ textTransform: 'none' }}>
      {t(`cases.concernStatus.${status}`)}
    </Badge>
  );
}

function MyConcerns() {
  const { t } = useTranslation();
  const mine = useApiQuery('concerns.mine', {});
  return (
    <Stack gap="xs">
      <Title order={4}>{t('cases.myConcerns')}</Title>
      <QueryPanel query={mine}>
        {(list) =>
          list.length === 0 ? (
            <Text p="md" c="dimmed">
              {t('cases.noConcerns')}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={600}>
              <Table verticalSpacing="xs" data-testid="my-concerns">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={70}>№</Table.Th>
                    <Table.Th w={160}>{t('cases.loggedAt')}</Table.Th>
                    <Table.Th w={160}>{t('cases.status')}</Table.Th>
                    <Table.Th>{t('cases.answer')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.map((c) => (
                    <Table.Tr key={c.id}>
                      <Table.Td>{c.number}</Table.Td>
                      <Table.Td>{showDate(c.loggedAt, true)}</Table.Td>
                      <Table.Td>
                        <ConcernStatusBadge status={c.status} />
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{c.answer ?? t('cases.noAnswerYet')}</Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryPanel>
    </Stack>
  );
}

function MyTasks() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const tasks = useApiQuery('cases.myTasks', {});
  const done = useApiMutation('cases.setTaskDone', {
    onSuccess: () => invalidate(qc, 'cases.myTasks'),
    onError: (e) => notifications.show({ color: 'red', message: errorText(t, e) }),
  });
  return (
    <Stack gap="xs">
      <Title order={4}>{t('cases.myTasks')}</Title>
      <QueryPanel query={tasks}>
        {(list) =>
          list.length === 0 ? (
            <Text p="md" c="dimmed">
              {t('cases.noTasks')}
            </Text>
          ) : (
            <Table verticalSpacing="xs" data-testid="my-tasks">
              <Table.Tbody>
                {list.map((task) => (
                  <Table.Tr key={task.id}>
                    <Table.Td w={40}>
                      <Checkbox
                        aria-label={t('cases.markDone')}
                        checked={task.doneAt !== null}
                        onChange={(e) => done.mutate({ taskId: task.id, version: task.version, done: e.currentTarget.checked })}
                      />
                    </Table.Td>
                    <Table.Td>{task.title}</Table.Td>
                    <Table.Td w={140}>{task.dueOn ? showDate(task.dueOn) : ''}</Table.Td>
                    <Table.Td w={140}>
                      <Text size="sm" c="dimmed">
                        {t('cases.caseNumber', { number: task.caseNumber })}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )
        }
      </QueryPanel>
    </Stack>
  );
}
