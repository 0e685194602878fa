/**
 * One pupil's register: the open entry (decision, grounds, notes, curator, next review) with its reviews and the
 * individual prevention plan, earlier entries, and registers held elsewhere. Used on the register screen (a drawer)
 * and on the pupil card (RegisterSection). Fields of the protection compartment read null for a session without
 * it; the core refuses the call itself to roles outside its access (`register.forPupil`).
 */
import { ActionIcon, Badge, Button, Card, Group, Loader, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { IconCheck, IconEdit, IconFileCertificate, IconPlus, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExternalRegistration, PreventionMeasure, RegisterEntry, RegisterGround } from '../../../../shared/register';
import { invalidate, useApiMutation, useApiQuery } from '../../api/hooks';
import { ErrorAlert, errorText } from '../../app/errors';
import { notifications } from '@mantine/notifications';
import { ConfirmIcon } from '../plans/ConfirmButton';
import { SignDialog } from '../plans/SignDialog';
import { EditEntryModal, ExternalModal, MeasureModal, PutOnModal, ReviewModal, TakeOffModal } from './dialogs';
import { day, groundsText } from './labels';
import { useCan } from '../../app/capabilities';

type Dialog =
  | { kind: 'putOn' }
  | { kind: 'edit' | 'review' | 'takeOff'; entry: RegisterEntry }
  | { kind: 'measure'; entry: RegisterEntry; measure: PreventionMeasure | null }
  | { kind: 'external'; record: ExternalRegistration | null }
  | null;

export function PupilRegister({ pupilId, archived }: { pupilId: string; archived: boolean }) {
  const { t } = useTranslation();
  const canEdit = useCan('registerEdit') && !archived;
  const reg = useApiQuery('register.forPupil', { pupilId });
  const grounds = useApiQuery('register.grounds', {});
  const [dialog, setDialog] = useState<Dialog>(null);
  if (reg.isPending) return <Loader size="sm" />;
  if (reg.error) return <ErrorAlert error={reg.error} />;
  const open = reg.data.entries.find((e) => e.off === null) ?? null;
  const closed = reg.data.entries.filter((e) => e.off !== null);
  return (
    <Stack gap="md" data-testid="pupil-register">
      {open ? (
        <EntryCard entry={open} grounds={grounds.data ?? []} canEdit={canEdit} setDialog={setDialog} />
      ) : (
        <Group justify="space-between">
          <Text c="dimmed">{t('register.notOn')}</Text>
          {canEdit && (
            <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setDialog({ kind: 'putOn' })} data-testid="register-put-on">
              {t('register.putOn')}
            </Button>
          )}
        </Group>
      )}
      {closed.length > 0 && (
        <Stack gap={4}>
          <Title order={5}>{t('register.earlier')}</Title>
          {closed.map((e) => (
            <Text key={e.id} size="sm">
              {t('register.period', { from: day(e.on.date), to: day(e.off?.date ?? null) })} · {t(`register.bodies.${e.on.body}`)} № {e.on.number} → № {e.off?.number}
              {e.offReason ? ` · ${e.offReason}` : ''}
            </Text>
          ))}
        </Stack>
      )}
      <ExternalList pupilId={pupilId} records={reg.data.external} canEdit={canEdit} setDialog={setDialog} />
      {dialog?.kind === 'putOn' && <PutOnModal pupilId={pupilId} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'edit' && <EditEntryModal entry={dialog.entry} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'review' && <ReviewModal entry={dialog.entry} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'takeOff' && <TakeOffModal entry={dialog.entry} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'measure' && <MeasureModal entry={dialog.entry} measure={dialog.measure} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'external' && <ExternalModal pupilId={pupilId} record={dialog.record} onClose={() => setDialog(null)} />}
    </Stack>
  );
}

function EntryCard({ entry, grounds, canEdit, setDialog }: { entry: RegisterEntry; grounds: RegisterGround[]; canEdit: boolean; setDialog: (d: Dialog) => void }) {
  const { t, i18n } = useTranslation();
  const due = entry.reviewDue;
  return (
    <Card withBorder radius="md" padding="md" data-testid="register-open-entry">
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start">
          <Stack gap={2}>
            <Group gap="xs">
              <Badge color="orange" style={{ textTransform: 'none' }}>
                {t('register.onSince', { date: day(entry.on.date) })}
              </Badge>
              <Text size="sm">
                {t(`register.bodies.${entry.on.body}`)} № {entry.on.number}
              </Text>
            </Group>
            <Text size="sm">
              <b>{t('register.grounds')}:</b> {entry.groundIds === null ? t('register.hidden') : groundsText(entry.groundIds, grounds, i18n.language)}
            </Text>
            {entry.notes ? <Text size="sm">{entry.notes}</Text> : null}
            <Text size="sm" c="dimmed">
              {t('register.curator')}: {entry.curatorName ?? '—'}
            </Text>
          </Stack>
          <Stack gap={4} align="flex-end">
            <Group gap={6}>
              <Text size="sm">{t('register.nextReview')}:</Text>
              {entry.nextReviewOn ? (
                <Badge color={due ? 'red' : 'gray'} variant={due ? 'filled' : 'light'} data-testid="register-next-review" style={{ textTransform: 'none' }}>
                  {day(entry.nextReviewOn)}
                  {due ? ` · ${t('register.due')}` : ''}
                </Badge>
              ) : (
                <Text size="sm">—</Text>
              )}
            </Group>
            {canEdit && (
              <Group gap="xs">
                <Button size="xs" variant="light" onClick={() => setDialog({ kind: 'review', entry })} data-testid="register-review">
                  {t('register.review')}
                </Button>
                <Button size="xs" variant="default" onClick={() => setDialog({ kind: 'edit', entry })}>
                  {t('register.editEntry')}
                </Button>
                <Button size="xs" color="orange" variant="light" onClick={() => setDialog({ kind: 'takeOff', entry })} data-testid="register-take-off">
                  {t('register.takeOff')}
                </Button>
              </Group>
            )}
          </Stack>
        </Group>
        {entry.reviews.length > 0 && (
          <Stack gap={2}>
            <Title order={6}>{t('register.reviews')}</Title>
            {entry.reviews.map((r) => (
              <Text key={r.id} size="sm">
                {day(r.reviewedOn)} · {r.outcome ? t(`register.outcomes.${r.outcome}`) : t('register.hidden')}
                {r.note ? ` · ${r.note}` : ''} <Text span c="dimmed" size="xs">({r.writtenBy ?? ''})</Text>
              </Text>
            ))}
          </Stack>
        )}
        <PlanTable entry={entry} canEdit={canEdit} setDialog={setDialog} />
      </Stack>
    </Card>
  );
}

function PlanTable({ entry, canEdit, setDialog }: { entry: RegisterEntry; canEdit: boolean; setDialog: (d: Dialog) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const canSign = useCan('registerSign');
  const [signing, setSigning] = useState(false);
  const remove = useApiMutation('register.removeMeasure', { onSuccess: () => invalidate(qc, 'register.forPupil', 'register.list') });
  const open = useApiMutation('documents.open', { onError: (e) => notifications.show({ color: 'red', message: errorText(t, e) }) });
  const sign = useApiMutation('register.signPlan', {
    onSuccess: async (doc) => {
      setSigning(false);
      await invalidate(qc, 'documents.list');
      notifications.show({ color: 'green', message: t('register.plan.signed', { number: doc.registerNumber }) });
      open.mutate({ id: doc.documentId });
    },
  });
  return (
    <Stack gap={4}>
      <Group justify="space-between">
        <Title order={6}>{t('register.plan.title')}</Title>
        <Group gap="xs">
          {canSign && (
            <Button size="xs" variant="subtle" leftSection={<IconFileCertificate size={14} />} onClick={() => setSigning(true)} data-testid="plan-sign">
              {t('register.plan.sign')}
            </Button>
          )}
          {canEdit && (
            <Button size="xs" variant="subtle" leftSection={<IconPlus size={14} />} onClick={() => setDialog({ kind: 'measure', entry, measure: null })} data-testid="measure-add">
              {t('register.plan.add')}
            </Button>
          )}
        </Group>
      </Group>
      <SignDialog
        opened={signing}
        title={t('register.plan.sign')}
        busy={sign.isPending}
        error={sign.error}
        onClose={() => setSigning(false)}
        onSign={(signer, language) => sign.mutate({ entryId: entry.id, language, signer })}
      />
      {entry.measures.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('register.plan.empty')}
        </Text>
      ) : (
        <Table verticalSpacing={4} data-testid="measures-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={30}>№</Table.Th>
              <Table.Th>{t('register.plan.what')}</Table.Th>
              <Table.Th>{t('register.plan.responsible')}</Table.Th>
              <Table.Th w={110}>{t('register.plan.due')}</Table.Th>
              <Table.Th>{t('register.plan.done')}</Table.Th>
              {canEdit && <Table.Th w={70} />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entry.measures.map((m, i) => {
              const overdue = m.overdue;
              return (
                <Table.Tr key={m.id}>
                  <Table.Td>{i + 1}</Table.Td>
                  <Table.Td>{m.what ?? t('register.hidden')}</Table.Td>
                  <Table.Td>{m.responsibleName ?? m.responsibleText ?? ''}</Table.Td>
                  <Table.Td>
                    <Text size="sm" c={overdue ? 'red' : undefined} fw={overdue ? 600 : undefined}>
                      {day(m.dueOn)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {m.doneOn ? (
                      <Group gap={4} wrap="nowrap">
                        <IconCheck size={14} color="green" />
                        <Text size="sm">
                          {day(m.doneOn)}
                          {m.result ? ` · ${m.result}` : ''}
                        </Text>
                      </Group>
                    ) : null}
                  </Table.Td>
                  {canEdit && (
                    <Table.Td>
                      <Group gap={2} wrap="nowrap">
                        <Tooltip label={t('register.plan.edit')}>
                          <ActionIcon variant="subtle" size="sm" aria-label={t('register.plan.edit')} onClick={() => setDialog({ kind: 'measure', entry, measure: m })}>
                            <IconEdit size={14} />
                          </ActionIcon>
                        </Tooltip>
                        <ConfirmIcon
                          label={t('register.plan.remove')}
                          question={t('register.plan.removeQuestion')}
                          confirmLabel={t('register.plan.remove')}
                          icon={<IconTrash size={14} />}
                          onConfirm={() => remove.mutate({ id: m.id, version: m.version })}
                        />
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      <ErrorAlert error={remove.error} />
    </Stack>
  );
}

function ExternalList({ pupilId, records, canEdit, setDialog }: { pupilId: string; records: ExternalRegistration[]; canEdit: boolean; setDialog: (d: Dialog) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const remove = useApiMutation('register.removeExternal', { onSuccess: () => invalidate(qc, 'register.forPupil') });
  return (
    <Stack gap={4}>
      <Group justify="space-between">
        <Title order={5}>{t('register.external.list')}</Title>
        {canEdit && (
          <Button size="xs" variant="subtle" leftSection={<IconPlus size={14} />} onClick={() => setDialog({ kind: 'external', record: null })}>
            {t('register.external.add')}
          </Button>
        )}
      </Group>
      {records.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('register.external.none')}
        </Text>
      ) : (
        records.map((r) => (
          <Group key={r.id} gap="xs" data-pupil={pupilId}>
            <Text size="sm">
              {r.body ? t(`register.external.bodies.${r.body}`) : t('register.hidden')}: {t('register.period', { from: day(r.fromDate), to: day(r.toDate) || '…' })}
              {r.note ? ` · ${r.note}` : ''}
            </Text>
            {canEdit && (
              <>
                <ActionIcon variant="subtle" size="sm" aria-label={t('register.external.title')} onClick={() => setDialog({ kind: 'external', record: r })}>
                  <IconEdit size={14} />
                </ActionIcon>
                <ConfirmIcon
                  label={t('register.external.remove')}
                  question={t('register.external.removeQuestion')}
                  confirmLabel={t('register.external.remove')}
                  icon={<IconTrash size={14} />}
                  onConfirm={() => remove.mutate({ id: r.id, version: r.version })}
                />
              </>
            )}
          </Group>
        ))
      )}
      <ErrorAlert error={remove.error} />
    </Stack>
  );
}
