/**
 * The triage inbox of the protection office: concerns waiting for a decision first (oldest first), then the latest
 * answered. The psychologist or the social pedagogue opens one (an audited view) and makes it a new case, adds it to
 * an existing one, or closes it with an answer. The answer is what the author reads: it says so on the form.
 */
import { Alert, Button, Group, Loader, Modal, SegmentedControl, Select, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useForm } from '@mantine/form';
import { RISK_LEVELS, type Concern } from '../../../../shared/cases';
import { invalidate, useApiMutation, useApiQuery } from '../../api/hooks';
import { QueryPanel } from '../../app/QueryPanel';
import { ErrorAlert, errorText } from '../../app/errors';
import { hintWithLimit, limitHint } from '../../app/fieldErrors';
import { applyServerFieldError } from '../../app/forms';
import { CASE_TITLE_MAX, TRIAGE_ANSWER_MAX, triageFormSchema, validateTriage, type TriageFormValues } from './forms';
import { useNavigate, getRouteApi } from '@tanstack/react-router';
import { ConcernStatusBadge } from './ConcernsScreen';
import { showDate } from './parts';
import { useCan } from '../../app/capabilities';

const inboxRoute = getRouteApi('/concerns/inbox');

export function InboxScreen() {
  const { t } = useTranslation();
  const search = inboxRoute.useSearch();
  const [openId, setOpenId] = useState<string | null>(search.id ?? null);
  const inbox = useApiQuery('concerns.inbox', {});
  return (
    <Stack>
      <QueryPanel query={inbox}>
        {(list) =>
          list.length === 0 ? (
            <Text p="lg" c="dimmed">
              {t('cases.inboxEmpty')}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={760}>
              <Table verticalSpacing="xs" highlightOnHover data-testid="inbox-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={60}>№</Table.Th>
                    <Table.Th w={150}>{t('cases.loggedAt')}</Table.Th>
                    <Table.Th w={200}>{t('cases.formOfHarm')}</Table.Th>
                    <Table.Th>{t('cases.pupilsInvolved')}</Table.Th>
                    <Table.Th w={170}>{t('cases.author')}</Table.Th>
                    <Table.Th w={150}>{t('cases.status')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.map((c) => (
                    <Table.Tr key={c.id} onClick={() => setOpenId(c.id)} style={{ cursor: 'pointer' }} data-testid={`concern-row-${c.number}`}>
                      <Table.Td>{c.number}</Table.Td>
                      <Table.Td>{showDate(c.loggedAt, true)}</Table.Td>
                      <Table.Td>{c.content ? t(`cases.harm.${c.content.formOfHarm}`) : t('cases.hidden')}</Table.Td>
                      <Table.Td>
                        <Text size="sm" lineClamp={1}>
                          {c.pupils.map((p) => `${p.lastName} ${p.firstName}`).join(', ')}
                        </Text>
                      </Table.Td>
                      <Table.Td>{c.authorName}</Table.Td>
                      <Table.Td>
                        <ConcernStatusBadge status={c.status} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryPanel>
      {openId && <ConcernModal id={openId} onClose={() => setOpenId(null)} />}
    </Stack>
  );
}

function ConcernModal({ id, onClose }: { id: string; onClose: () => void }) {
  const navigate = useNavigate();
  const { t } = useTranslation();
  const concern = useApiQuery('concerns.get', { id });
  const canTriage = useCan('caseWork');
  return (
    <Modal opened onClose={onClose} title={concern.data ? t('cases.concernTitle', { number: concern.data.number }) : t('cases.concern')} size="xl">
      {concern.isPending ? (
        <Loader size="sm" />
      ) : concern.error ? (
        <ErrorAlert error={concern.error} />
      ) : (
        <Stack data-testid="concern-detail">
          <ConcernBody c={concern.data} />
          {concern.data.status === 'awaiting' && canTriage ? (
            <TriageForm c={concern.data} onDone={onClose} />
          ) : (
            concern.data.answer && (
              <Alert color="gray" variant="light" title={t('cases.answer')}>
                {concern.data.answer}
                {concern.data.caseId && (
                  <Button variant="subtle" size="compact-sm" ml="sm" onClick={() => void navigate({ to: '/case', search: { id: concern.data.caseId ?? '' } })}>
                    {t('cases.caseNumber', { number: concern.data.caseNumber })}
                  </Button>
                )}
              </Alert>
            )
          )}
        </Stack>
      )}
    </Modal>
  );
}

function ConcernBody({ c }: { c: Concern }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Group gap="xl">
        <Text size="sm">
          <b>{t('cases.author')}:</b> {c.authorName}
        </Text>
        <Text size="sm">
          <b>{t('cases.loggedAt')}:</b> {showDate(c.loggedAt, true)}
        </Text>
      </Group>
      {c.content ? (
        <>
          <Group gap="xl">
            <Text size="sm">
              <b>{t('cases.when')}:</b> {showDate(c.content.occurredAt, true)}
            </Text>
            {c.content.where && (
              <Text size="sm">
                <b>{t('cases.where')}:</b> {c.content.where}
              </Text>
            )}
            <Text size="sm">
              <b>{t('cases.formOfHarm')}:</b> {t(`cases.harm.${c.content.formOfHarm}`)}
            </Text>
          </Group>
          <Text style={{ whiteSpace: 'pre-wrap' }} data-testid="concern-text">
            {c.content.what}
          </Text>
          <Table withRowBorders={false} verticalSpacing={2}>
            <Table.Tbody>
              {c.pupils.map((p) => (
                <Table.Tr key={p.pupilId}>
                  <Table.Td>
                    {p.lastName} {p.firstName}
                  </Table.Td>
                  <Table.Td>
                    {p.grade} {p.classLetter}
                  </Table.Td>
                  <Table.Td>{p.role ? t(`cases.role.${p.role}`) : ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      ) : (
        <Text c="dimmed">{t('cases.hidden')}</Text>
      )}
    </Stack>
  );
}

export function TriageForm({ c, onDone }: { c: Concern; onDone: () => void }) {
  const navigate = useNavigate();
  const { t } = useTranslation();
  const qc = useQueryClient();
  const form = useForm<TriageFormValues>({
    mode: 'controlled',
    initialValues: { action: 'new_case', answer: '', title: c.content ? t(`cases.harm.${c.content.formOfHarm}`) : '', risk: 'medium', caseId: null },
    validate: validateTriage(t),
  });
  const v = form.getValues();
  const open = useApiQuery('cases.list', { stages: ['identified', 'assessment', 'plan', 'intervention', 'monitoring'], pageSize: 200 }, { enabled: v.action === 'existing_case' });
  const chosen = useApiQuery('cases.get', { id: v.caseId ?? '' }, { enabled: v.caseId !== null });
  const triage = useApiMutation('concerns.triage', {
    onSuccess: async (r) => {
      notifications.show({ color: 'green', message: t('cases.triaged') });
      await invalidate(qc, 'concerns.inbox', 'concerns.get', 'cases.list');
      onDone();
      if (r.caseId) void navigate({ to: '/case', search: { id: r.caseId } });
    },
    onError: (e) => {
      if (!applyServerFieldError(t, form, e)) notifications.show({ color: 'red', message: errorText(t, e) });
    },
  });
  const submit = form.onSubmit((values) => {
    const input = triageFormSchema.parse(values);
    if (input.action === 'new_case') triage.mutate({ ...input, id: c.id, leadId: null });
    // the chosen case's version (the add is refused if the case changed since it was read)
    else if (input.action === 'existing_case' && chosen.data?.id === input.caseId) triage.mutate({ ...input, id: c.id, caseVersion: chosen.data.version });
    else if (input.action === 'no_action') triage.mutate({ ...input, id: c.id });
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm" data-testid="triage-form">
        <SegmentedControl
          {...form.getInputProps('action')}
          data={[
            { value: 'new_case', label: t('cases.triageNew') },
            { value: 'existing_case', label: t('cases.triageExisting') },
            { value: 'no_action', label: t('cases.triageNoAction') },
          ]}
          data-testid="triage-action"
        />
        {v.action === 'new_case' && (
          <Group align="flex-end" grow>
            <TextInput
              label={t('cases.title')}
              {...form.getInputProps('title')}
              description={limitHint(t, v.title, CASE_TITLE_MAX)}
              maxLength={CASE_TITLE_MAX}
              data-testid="triage-title"
            />
            <Select
              label={t('cases.riskLabel')}
              data={RISK_LEVELS.map((r) => ({ value: r, label: t(`cases.risk.${r}`) }))}
              {...form.getInputProps('risk')}
              allowDeselect={false}
              data-testid="triage-risk"
            />
          </Group>
        )}
        {v.action === 'existing_case' && (
          <Select
            label={t('cases.chooseCase')}
            searchable
            data={(open.data?.items ?? []).map((x) => ({ value: x.id, label: `№${x.number} · ${x.title ?? ''}` }))}
            {...form.getInputProps('caseId')}
            data-testid="triage-case"
          />
        )}
        <Textarea
          label={t('cases.answerForAuthor')}
          {...form.getInputProps('answer')}
          description={hintWithLimit(t, t('cases.answerHint'), v.answer, TRIAGE_ANSWER_MAX)}
          autosize
          minRows={2}
          maxLength={TRIAGE_ANSWER_MAX}
          data-testid="triage-answer"
        />
        <Alert color="yellow" variant="light" icon={<IconInfoCircle size={18} />}>
          {t('cases.answerVisible')}
        </Alert>
        <Group justify="flex-end">
          <Button
            type="submit"
            // adding to a case waits for the chosen case (its version) to be read
            disabled={v.action === 'existing_case' && v.caseId !== null && chosen.data?.id !== v.caseId}
            loading={triage.isPending}
            data-testid="triage-submit"
          >
            {t('cases.triageSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
