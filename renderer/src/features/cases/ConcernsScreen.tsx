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
import { useForm } from '@mantine/form';
import dayjs from 'dayjs';
import { FORMS_OF_HARM } from '../../../../shared/cases';
import { invalidate, useApiMutation, useApiQuery } from '../../api/hooks';
import { QueryPanel } from '../../app/QueryPanel';
import { errorText } from '../../app/errors';
import { hintWithLimit, limitHint } from '../../app/fieldErrors';
import { applyServerFieldError } from '../../app/forms';
import { CONCERN_SERVER_FIELDS, CONCERN_WHAT_MAX, CONCERN_WHERE_MAX, concernFormSchema, validateConcern, type ConcernFormValues } from './forms';
import { DateText, PupilPicker, showDate, today } from './parts';
import { ReferenceButton } from '../reference/Reference';
import { FormActions } from '../../app/FormActions';

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

export function ConcernForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const form = useForm<ConcernFormValues>({
    mode: 'controlled',
    initialValues: { what: '', where: '', date: today(), time: '', formOfHarm: null, pupils: [] },
    validate: validateConcern(t),
    validateInputOnChange: ['time'],
  });
  const log = useApiMutation('concerns.log', {
    onSuccess: async (r) => {
      notifications.show({ color: 'green', message: t('cases.concernLogged', { number: r.number }) });
      await invalidate(qc, 'concerns.mine');
      onDone();
    },
    // a refusal about one field lands on it; the rest as a notice (the form stays, nothing typed is lost)
    onError: (e) => {
      if (!applyServerFieldError(t, form, e, CONCERN_SERVER_FIELDS)) notifications.show({ color: 'red', message: errorText(t, e) });
    },
  });
  const v = form.getValues();
  const submit = form.onSubmit((values) => log.mutate(concernFormSchema.parse(values)));
  return (
    <Paper withBorder p="md" radius="md" data-testid="concern-form">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Group justify="space-between">
            <Title order={4}>{t('cases.logConcern')}</Title>
            <ReferenceButton />
          </Group>
          <Alert color="blue" variant="light" icon={<IconLock size={18} />}>
            {t('cases.concernSealed')}
          </Alert>
          <Textarea
            label={t('cases.what')}
            {...form.getInputProps('what')}
            description={hintWithLimit(t, t('cases.whatHint'), v.what, CONCERN_WHAT_MAX)}
            autosize
            minRows={4}
            maxLength={CONCERN_WHAT_MAX}
            required
            data-testid="concern-what"
          />
          <SimpleGrid cols={{ base: 1, md: 3 }}>
            <DateText
              label={t('cases.when')}
              value={v.date}
              onChange={(d) => form.setFieldValue('date', d)}
              error={form.errors.date}
              name="concern-date"
              required
            />
            <TextInput label={t('cases.time')} placeholder="14:30" {...form.getInputProps('time')} w={120} data-testid="concern-time" />
            <TextInput
              label={t('cases.where')}
              {...form.getInputProps('where')}
              description={limitHint(t, v.where, CONCERN_WHERE_MAX)}
              maxLength={CONCERN_WHERE_MAX}
              data-testid="concern-where"
            />
          </SimpleGrid>
          <Select
            label={t('cases.formOfHarm')}
            data={FORMS_OF_HARM.map((h) => ({ value: h, label: t(`cases.harm.${h}`) }))}
            {...form.getInputProps('formOfHarm')}
            required
            maw={420}
            data-testid="concern-harm"
          />
          <PupilPicker value={v.pupils} onChange={(p) => form.setFieldValue('pupils', p)} error={form.errors.pupils} />
          <FormActions submitLabel={t('cases.sendConcern')} onCancel={onDone} loading={log.isPending} submitTestId="concern-submit" />
        </Stack>
      </form>
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

/** How far ahead "my tasks" looks by default: what is overdue or due in the next two weeks (the rest one click away). */
const TASK_HORIZON_DAYS = 14;

export function MyTasks() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const tasks = useApiQuery('cases.myTasks', {});
  const [all, setAll] = useState(false);
  const done = useApiMutation('cases.setTaskDone', {
    onSuccess: () => invalidate(qc, 'cases.myTasks'),
    onError: (e) => notifications.show({ color: 'red', message: errorText(t, e) }),
  });
  const now = today();
  const horizon = dayjs(now).add(TASK_HORIZON_DAYS, 'day').format('YYYY-MM-DD');
  return (
    <Stack gap="xs">
      <Title order={4}>{t('cases.myTasks')}</Title>
      <QueryPanel query={tasks}>
        {(list) => {
          if (list.length === 0) {
            return (
              <Text p="md" c="dimmed">
                {t('cases.noTasks')}
              </Text>
            );
          }
          const near = list.filter((task) => task.dueOn === null || task.dueOn <= horizon);
          const shown = all ? list : near;
          const later = list.length - near.length;
          return (
            <>
              <Table verticalSpacing="xs" data-testid="my-tasks">
                <Table.Tbody>
                  {shown.map((task) => {
                    const overdue = task.doneAt === null && task.dueOn !== null && task.dueOn < now;
                    return (
                      <Table.Tr key={task.id}>
                        <Table.Td w={40}>
                          <Checkbox
                            aria-label={`${t('cases.markDone')}: ${task.title}`}
                            checked={task.doneAt !== null}
                            onChange={(e) => done.mutate({ taskId: task.id, version: task.version, done: e.currentTarget.checked })}
                          />
                        </Table.Td>
                        <Table.Td>{task.title}</Table.Td>
                        <Table.Td w={170}>
                          {task.dueOn ? (
                            <Text size="sm" c={overdue ? 'red.8' : undefined} fw={overdue ? 600 : undefined}>
                              {showDate(task.dueOn)}
                              {overdue ? ` · ${t('cases.taskOverdue')}` : ''}
                            </Text>
                          ) : null}
                        </Table.Td>
                        <Table.Td w={140}>
                          <Text size="sm" c="dimmed">
                            {t('cases.caseNumber', { number: task.caseNumber })}
                          </Text>
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
              {later > 0 && (
                <Group gap="xs">
                  <Text size="sm" c="dimmed">
                    {all ? t('cases.tasksAllShown', { count: list.length }) : t('cases.tasksLater', { count: later, days: TASK_HORIZON_DAYS })}
                  </Text>
                  <Button size="compact-sm" variant="subtle" onClick={() => setAll((v) => !v)} aria-expanded={all} data-testid="my-tasks-all">
                    {all ? t('cases.tasksNear') : t('cases.tasksShowAll', { count: list.length })}
                  </Button>
                </Group>
              )}
            </>
          );
        }}
      </QueryPanel>
    </Stack>
  );
}
