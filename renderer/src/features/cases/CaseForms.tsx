/**
 * The case screen's forms on the contract's schemas (./forms.ts over shared/cases.ts): the course (stage, risk,
 * lead), a task, a note, a contact, the closure and the reopening. Each starts from the case it is given and is
 * keyed by its parent (a new, empty form after each added row; the course again after each change of the case).
 * Every write names the version the screen read.
 */
import { Alert, Button, Checkbox, Group, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { CLOSURE_REASONS, CONTACT_METHODS, OPEN_STAGES, RISK_LEVELS, type CaseDetail } from '../../../../shared/cases';
import { useApiQuery } from '../../api/hooks';
import { useCan } from '../../app/capabilities';
import { limitHint } from '../../app/fieldErrors';
import {
  CASE_LIMITS,
  closeFormSchema,
  contactFormSchema,
  noteFormSchema,
  taskFormSchema,
  validateClose,
  validateContact,
  validateNote,
  validateTask,
  type CloseFormValues,
  type ContactFormValues,
  type CourseFormValues,
  type NoteFormValues,
  type TaskFormValues,
} from './forms';
import { DateText, showDate, today } from './parts';
import { Section, StaleBar, useCaseWrite } from './caseWrite';

/** Stage, risk and lead worker; only what changed is sent. Keyed by the case's version. */
export function CourseForm({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const staff = useApiQuery('cases.staff', {});
  const initialValues: CourseFormValues = { stage: c.stage === 'closed' ? 'assessment' : c.stage, risk: c.risk, leadId: c.leadId };
  const form = useForm<CourseFormValues>({ mode: 'controlled', initialValues });
  const save = useCaseWrite('cases.update', { form });
  const v = form.getValues();
  const changed = v.stage !== c.stage || v.risk !== c.risk || v.leadId !== c.leadId;
  const submit = form.onSubmit((x) =>
    save.mutate({
      id: c.id,
      version: c.version,
      ...(x.stage !== c.stage ? { stage: x.stage } : {}),
      ...(x.risk !== c.risk ? { risk: x.risk } : {}),
      ...(x.leadId !== c.leadId ? { leadId: x.leadId } : {}),
    }),
  );
  return (
    <Section title={t('cases.course')} testId="case-course">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <StaleBar show={save.stale} />
          <Group grow align="flex-end">
            <Select label={t('cases.stageLabel')} data={OPEN_STAGES.map((s) => ({ value: s, label: t(`cases.stage.${s}`) }))} {...form.getInputProps('stage')} allowDeselect={false} data-testid="case-stage" />
            <Select label={t('cases.riskLabel')} data={RISK_LEVELS.map((r) => ({ value: r, label: t(`cases.risk.${r}`) }))} {...form.getInputProps('risk')} allowDeselect={false} data-testid="case-risk" />
          </Group>
          <Select label={t('cases.lead')} data={(staff.data ?? []).map((s) => ({ value: s.id, label: s.displayName }))} {...form.getInputProps('leadId')} searchable clearable data-testid="case-lead" />
          <Group justify="flex-end">
            <Button type="submit" disabled={!changed} loading={save.isPending} data-testid="case-course-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

/** A new task: title, due date, owner. `onAdded` re-keys the form (empty again). */
export function TaskForm({ c, onAdded }: { c: CaseDetail; onAdded: () => void }) {
  const { t } = useTranslation();
  const staff = useApiQuery('cases.staff', {});
  const form = useForm<TaskFormValues>({ mode: 'controlled', initialValues: { title: '', dueOn: null, ownerId: null }, validate: validateTask(t) });
  const add = useCaseWrite('cases.addTask', { form, onDone: onAdded });
  const v = form.getValues();
  const submit = form.onSubmit((x) => add.mutate({ caseId: c.id, version: c.version, ...taskFormSchema.parse(x) }));
  return (
    <form onSubmit={submit} noValidate data-testid="task-form">
      <Stack gap="sm">
        <StaleBar show={add.stale} />
        <Group align="flex-start" wrap="wrap">
          <TextInput
            label={t('cases.taskTitle')}
            {...form.getInputProps('title')}
            description={[t('cases.taskTitleHint'), limitHint(t, v.title, CASE_LIMITS.task)].filter(Boolean).join(' · ')}
            maxLength={CASE_LIMITS.task}
            required
            style={{ flex: 1, minWidth: 240 }}
            data-testid="task-title"
          />
          <DateText label={t('cases.due')} value={v.dueOn} onChange={(d) => form.setFieldValue('dueOn', d)} error={form.errors.dueOn} name="task-due" quick={[1, 7, 10, 14]} />
          <Select label={t('cases.owner')} data={(staff.data ?? []).map((s) => ({ value: s.id, label: s.displayName }))} {...form.getInputProps('ownerId')} searchable w={220} data-testid="task-owner" />
        </Group>
        <Group justify="flex-end">
          <Button type="submit" loading={add.isPending} data-testid="task-add">
            {t('cases.addTask')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A note, normal or (for a holder of the confidential compartment) confidential. */
export function NoteForm({ c, onAdded }: { c: CaseDetail; onAdded: () => void }) {
  const { t } = useTranslation();
  const holdsConfidential = useCan('confidentialRead');
  const form = useForm<NoteFormValues>({ mode: 'controlled', initialValues: { text: '', confidential: false }, validate: validateNote(t) });
  const add = useCaseWrite('cases.addNote', { form, onDone: onAdded });
  const v = form.getValues();
  const submit = form.onSubmit((x) => add.mutate({ caseId: c.id, version: c.version, ...noteFormSchema.parse(x) }));
  return (
    <form onSubmit={submit} noValidate data-testid="note-form">
      <Stack gap="sm">
        <StaleBar show={add.stale} />
        <Textarea
          aria-label={t('cases.notePlaceholder')}
          autosize
          minRows={2}
          maxLength={CASE_LIMITS.note}
          {...form.getInputProps('text')}
          description={limitHint(t, v.text, CASE_LIMITS.note)}
          placeholder={t('cases.notePlaceholder')}
          data-testid="note-text"
        />
        <Group justify="space-between">
          {holdsConfidential ? <Checkbox label={t('cases.confidentialNote')} {...form.getInputProps('confidential', { type: 'checkbox' })} data-testid="note-confidential" /> : <span />}
          <Button type="submit" size="xs" loading={add.isPending} data-testid="note-add">
            {t('cases.addNote')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A contact with a parent, a relative or an agency: who, how, when, about which pupil, what came of it. */
export function ContactForm({ c, onAdded }: { c: CaseDetail; onAdded: () => void }) {
  const { t } = useTranslation();
  const form = useForm<ContactFormValues>({
    mode: 'controlled',
    initialValues: { who: '', method: 'meeting', at: today(), pupilId: null, outcome: '' },
    validate: validateContact(t),
  });
  const add = useCaseWrite('cases.addContact', { form, onDone: onAdded });
  const v = form.getValues();
  const submit = form.onSubmit((x) => add.mutate({ caseId: c.id, version: c.version, ...contactFormSchema.parse(x) }));
  return (
    <form onSubmit={submit} noValidate data-testid="contact-form">
      <Stack gap="xs">
        <StaleBar show={add.stale} />
        <Group grow align="flex-start">
          <TextInput
            label={t('cases.contactWho')}
            placeholder={t('cases.contactWhoHint')}
            {...form.getInputProps('who')}
            description={limitHint(t, v.who, CASE_LIMITS.who)}
            maxLength={CASE_LIMITS.who}
            required
            data-testid="contact-who"
          />
          <Select label={t('cases.contactHow')} data={CONTACT_METHODS.map((m) => ({ value: m, label: t(`cases.contactMethod.${m}`) }))} {...form.getInputProps('method')} allowDeselect={false} data-testid="contact-method" />
        </Group>
        <Group grow align="flex-start">
          <DateText label={t('cases.contactWhen')} value={v.at} onChange={(d) => form.setFieldValue('at', d)} error={form.errors.at} name="contact-date" required />
          <Select label={t('cases.contactPupil')} data={c.pupils.map((p) => ({ value: p.pupilId, label: `${p.lastName} ${p.firstName}` }))} {...form.getInputProps('pupilId')} clearable data-testid="contact-pupil" />
        </Group>
        <Textarea
          label={t('cases.contactOutcome')}
          autosize
          minRows={2}
          maxLength={CASE_LIMITS.contactOutcome}
          {...form.getInputProps('outcome')}
          description={limitHint(t, v.outcome, CASE_LIMITS.contactOutcome)}
          required
          data-testid="contact-outcome"
        />
        <Group justify="flex-end">
          <Button type="submit" size="xs" loading={add.isPending} data-testid="contact-add">
            {t('cases.addContact')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The closure as decided or asked, the director's decision, the closing form and the reopening. */
export function Closure({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const canWork = useCan('caseWork');
  const canApprove = useCan('caseApproveClosure');
  const decide = useCaseWrite('cases.decideClosure');
  return (
    <Section title={t('cases.closure')} testId="case-closure">
      <StaleBar show={decide.stale} />
      {c.closure && (
        <Stack gap={2}>
          <Text size="sm">
            <b>{t('cases.closureReason')}:</b> {c.closure.reason ? t(`cases.reason.${c.closure.reason}`) : t('cases.hidden')}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            <b>{t('cases.closureOutcome')}:</b> {c.closure.outcome ?? t('cases.hidden')}
          </Text>
          <Text size="xs" c="dimmed">
            {showDate(c.closure.requestedAt, true)} · {c.closure.requestedBy}
            {c.closure.approvedBy ? ` · ${t('cases.approvedBy', { name: c.closure.approvedBy })}` : ''}
          </Text>
        </Stack>
      )}
      {c.closure?.state === 'pending' && (
        <Alert color="orange" variant="light">
          {t('cases.closurePending')}
          {canApprove && (
            <Group mt="xs">
              <Button size="xs" color="green" loading={decide.isPending} onClick={() => decide.mutate({ id: c.id, version: c.version, approve: true })} data-testid="closure-approve">
                {t('cases.approveClosure')}
              </Button>
              <Button size="xs" variant="default" loading={decide.isPending} onClick={() => decide.mutate({ id: c.id, version: c.version, approve: false })}>
                {t('cases.rejectClosure')}
              </Button>
            </Group>
          )}
        </Alert>
      )}
      {canWork && c.stage !== 'closed' && c.closure === null && <CloseForm c={c} />}
      {canWork && c.stage === 'closed' && <ReopenForm c={c} />}
    </Section>
  );
}

export function CloseForm({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const form = useForm<CloseFormValues>({ mode: 'controlled', initialValues: { reason: 'resolved', outcome: '' }, validate: validateClose(t) });
  const close = useCaseWrite('cases.close', { form });
  const v = form.getValues();
  const submit = form.onSubmit((x) => close.mutate({ id: c.id, version: c.version, ...closeFormSchema.parse(x) }));
  return (
    <form onSubmit={submit} noValidate data-testid="close-form">
      <Stack gap="xs">
        <StaleBar show={close.stale} />
        <Select label={t('cases.closureReason')} data={CLOSURE_REASONS.map((r) => ({ value: r, label: t(`cases.reason.${r}`) }))} {...form.getInputProps('reason')} allowDeselect={false} maw={360} data-testid="closure-reason" />
        <Textarea
          label={t('cases.closureOutcome')}
          autosize
          minRows={2}
          maxLength={CASE_LIMITS.closureOutcome}
          {...form.getInputProps('outcome')}
          description={limitHint(t, v.outcome, CASE_LIMITS.closureOutcome)}
          required
          data-testid="closure-outcome"
        />
        <Group justify="flex-end">
          <Button type="submit" color="gray" loading={close.isPending} data-testid="case-close">
            {t('cases.closeCase')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ReopenForm({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const form = useForm<{ stage: (typeof OPEN_STAGES)[number] }>({ mode: 'controlled', initialValues: { stage: 'assessment' } });
  const reopen = useCaseWrite('cases.reopen', { form });
  return (
    <form onSubmit={form.onSubmit((x) => reopen.mutate({ id: c.id, version: c.version, stage: x.stage }))} noValidate>
      <Stack gap="xs">
        <StaleBar show={reopen.stale} />
        <Group align="flex-end">
          <Select label={t('cases.reopenTo')} data={OPEN_STAGES.map((s) => ({ value: s, label: t(`cases.stage.${s}`) }))} {...form.getInputProps('stage')} allowDeselect={false} w={220} />
          <Button type="submit" variant="light" loading={reopen.isPending} data-testid="case-reopen">
            {t('cases.reopen')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
