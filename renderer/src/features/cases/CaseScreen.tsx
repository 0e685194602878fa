/**
 * One case: its pupils and their roles, stage, risk and lead worker, tasks with owners and due dates, notes (normal
 * or confidential), contacts with parents, and closure (with the director's approval where the school asks for it).
 * Opening it is an audited view. Every change names the version this screen read: when someone changed the case
 * meanwhile the core refuses ("changed since you opened it") and the screen offers to reload.
 *
 * A task owner who is not a case reader (e.g. a class teacher) reaching this screen from a work list is refused by
 * the core; the screen then shows their own tasks of this case only.
 */
import { Alert, Badge, Checkbox, Divider, Group, Loader, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLock } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../shared/cases';
import { invalidate, useApiMutation, useApiQuery } from '../../api/hooks';
import { ErrorAlert, errorText } from '../../app/errors';
import { getRouteApi } from '@tanstack/react-router';
import { AnchorLink } from '../../app/links';
import { RiskBadge, StageBadge, showDate, today } from './parts';
import { CASE_SECTIONS, visibleCaseSections, type CaseSectionProps } from './sections';
import { ReferenceButton } from '../reference/Reference';
import { useCan, useCapabilities } from '../../app/capabilities';
import { Closure, ContactForm, CourseForm, NoteForm, TaskForm } from './CaseForms';
import { Section } from './caseWrite';

const caseRoute = getRouteApi('/case');


export function CaseScreen() {
  const { t } = useTranslation();
  const { id } = caseRoute.useSearch();
  const kase = useApiQuery('cases.get', { id }, { enabled: id !== '' });
  if (kase.isPending) return <Loader size="sm" />;
  if (kase.error) {
    return (
      <Stack>
        {kase.error.code === 'auth.forbidden' ? <OwnTasksOnly caseId={id} /> : <ErrorAlert error={kase.error} />}
        <AnchorLink to="/concerns">{t('cases.backToConcerns')}</AnchorLink>
      </Stack>
    );
  }
  return <CaseView c={kase.data} />;
}

/** A task owner without the case: their tasks of this case, nothing else. */
function OwnTasksOnly({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const mine = useApiQuery('cases.myTasks', { includeDone: true });
  const own = (mine.data ?? []).filter((x) => x.caseId === caseId);
  return (
    <Alert color="gray" variant="light" icon={<IconLock size={18} />} title={t('cases.notYourCase')} data-testid="case-forbidden">
      {own.length > 0 ? (
        <Stack gap={4}>
          {own.map((x) => (
            <Text key={x.id} size="sm">
              {x.title} {x.dueOn ? `· ${showDate(x.dueOn)}` : ''}
            </Text>
          ))}
        </Stack>
      ) : (
        t('cases.notYourCaseHint')
      )}
    </Alert>
  );
}

function CaseView({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const canWork = useCan('caseWork') && c.stage !== 'closed';
  return (
    <Stack data-testid="case-screen">
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={3}>
            №{c.number} · {c.title ?? t('cases.hidden')}
          </Title>
          <Group gap="xs">
            <RiskBadge risk={c.risk} />
            <StageBadge stage={c.stage} />
            {c.formOfHarm && (
              <Badge variant="light" color="grape" style={{ textTransform: 'none' }}>
                {t(`cases.harm.${c.formOfHarm}`)}
              </Badge>
            )}
            <Text size="sm" c="dimmed">
              {t('cases.openedOn', { date: showDate(c.openedAt) })} · {t('cases.lead')}: {c.leadName ?? '—'}
            </Text>
          </Group>
        </Stack>
        <ReferenceButton />
      </Group>
      {c.summary && (
        <Text style={{ whiteSpace: 'pre-wrap' }} size="sm">
          {c.summary}
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Section title={t('cases.pupilsInvolved')} testId="case-pupils">
          <Table withRowBorders={false} verticalSpacing={2}>
            <Table.Tbody>
              {c.pupils.map((p) => (
                <Table.Tr key={p.pupilId}>
                  <Table.Td>
                    <AnchorLink to="/pupil" search={{ id: p.pupilId }} size="sm">
                      {p.lastName} {p.firstName}
                    </AnchorLink>
                  </Table.Td>
                  <Table.Td>
                    {p.grade} {p.classLetter}
                  </Table.Td>
                  <Table.Td>{p.role ? t(`cases.role.${p.role}`) : t('cases.hidden')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Section>
        {canWork ? <CourseForm key={c.version} c={c} /> : <Section title={t('cases.course')}>{t(`cases.stage.${c.stage}`)}</Section>}
      </SimpleGrid>
      <CaseSections c={c} canWork={canWork} />
      <Tasks c={c} canWork={canWork} />
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Notes c={c} canWork={canWork} />
        <Contacts c={c} canWork={canWork} />
      </SimpleGrid>
      <Closure c={c} />
    </Stack>
  );
}

/** The sections guided flows and case documents add (./sections.ts). */
function CaseSections({ c, canWork }: CaseSectionProps) {
  const caps = useCapabilities().data ?? null;
  return (
    <>
      {visibleCaseSections(CASE_SECTIONS, caps, c).map((s) => (
        <s.component key={s.id} c={c} canWork={canWork} />
      ))}
    </>
  );
}

function Tasks({ c, canWork }: { c: CaseDetail; canWork: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [formKey, setFormKey] = useState(0);
  const done = useApiMutation('cases.setTaskDone', {
    onSuccess: () => invalidate(qc, 'cases.get', 'cases.myTasks'),
    onError: (e) => notifications.show({ color: 'red', message: errorText(t, e) }),
  });
  const now = today();
  return (
    <Section title={t('cases.tasks')} testId="case-tasks">
      {c.tasks.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('cases.noTasksYet')}
        </Text>
      ) : (
        <Table verticalSpacing={4}>
          <Table.Tbody>
            {c.tasks.map((x) => (
              <Table.Tr key={x.id} data-testid="case-task">
                <Table.Td w={40}>
                  <Checkbox aria-label={t('cases.markDone')} checked={x.doneAt !== null} disabled={!canWork} onChange={(e) => done.mutate({ taskId: x.id, version: x.version, done: e.currentTarget.checked })} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" td={x.doneAt ? 'line-through' : undefined}>
                    {x.title}
                  </Text>
                </Table.Td>
                <Table.Td w={130}>
                  <Text size="sm" c={!x.doneAt && x.dueOn && x.dueOn < now ? 'red' : undefined}>
                    {x.dueOn ? showDate(x.dueOn) : ''}
                  </Text>
                </Table.Td>
                <Table.Td w={190}>{x.ownerName ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {canWork && (
        <>
          <Divider />
          <TaskForm key={formKey} c={c} onAdded={() => setFormKey((k) => k + 1)} />
        </>
      )}
    </Section>
  );
}

function Notes({ c, canWork }: { c: CaseDetail; canWork: boolean }) {
  const { t } = useTranslation();
  const [formKey, setFormKey] = useState(0);
  return (
    <Section title={t('cases.notes')} testId="case-notes">
      {canWork && <NoteForm key={formKey} c={c} onAdded={() => setFormKey((k) => k + 1)} />}
      {c.notes.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('cases.noNotes')}
        </Text>
      )}
      {c.notes.map((n) => (
        <Stack key={n.id} gap={2}>
          <Group gap="xs">
            <Text size="xs" c="dimmed">
              {showDate(n.writtenAt, true)} · {n.authorName}
            </Text>
            {n.confidential && (
              <Badge size="xs" color="grape" variant="light" leftSection={<IconLock size={10} />} style={{ textTransform: 'none' }}>
                {t('cases.confidential')}
              </Badge>
            )}
          </Group>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} c={n.text === null ? 'dimmed' : undefined}>
            {n.text ?? t('cases.confidentialHidden')}
          </Text>
        </Stack>
      ))}
    </Section>
  );
}

function Contacts({ c, canWork }: { c: CaseDetail; canWork: boolean }) {
  const { t } = useTranslation();
  const [formKey, setFormKey] = useState(0);
  const name = (id: string | null) => {
    const p = c.pupils.find((x) => x.pupilId === id);
    return p ? `${p.lastName} ${p.firstName}` : '';
  };
  return (
    <Section title={t('cases.contacts')} testId="case-contacts">
      {canWork && (
        <>
          <ContactForm key={formKey} c={c} onAdded={() => setFormKey((k) => k + 1)} />
          <Divider />
        </>
      )}
      {c.contacts.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('cases.noContacts')}
        </Text>
      )}
      {c.contacts.map((x) => (
        <Stack key={x.id} gap={2}>
          <Text size="xs" c="dimmed">
            {showDate(x.at, true)} · {t(`cases.contactMethod.${x.method}`)} · {x.authorName}
            {x.pupilId ? ` · ${name(x.pupilId)}` : ''}
          </Text>
          <Text size="sm">
            <b>{x.who ?? t('cases.hidden')}</b>
            {x.outcome ? ` — ${x.outcome}` : ''}
          </Text>
        </Stack>
      ))}
    </Section>
  );
}
