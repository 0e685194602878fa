/**
 * The case screen's "Referrals" section (cases/sections.ts): the case's referrals with their status, the date sent,
 * the answer due (in red.9 once it has passed with no answer), the agency's answer; a case worker drafts one for a
 * pupil of the case, edits the draft, marks it sent, records the answer and the status; the director signs the
 * letter (PDF), which then opens; anyone who reads the case saves, opens or prints the signed letter.
 */
import { Badge, Button, Group, Menu, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconFileCertificate, IconPlus, IconSend } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../shared/cases';
import { REFERRAL_TRANSITIONS, type Referral } from '../../../../shared/referrals';
import { invalidate, useApiMutation, useApiQuery } from '../../api/hooks';
import { ErrorAlert, errorText } from '../../app/errors';
import { DocumentActions } from '../plans/DocumentActions';
import { SignDialog } from '../plans/SignDialog';
import { AnswerModal, ReferralFormModal, SendModal, StatusModal } from './dialogs';
import { StatusBadge, agencyText, day } from './labels';
import { useCan } from '../../app/capabilities';

type Dialog = { kind: 'new' } | { kind: 'edit' | 'send' | 'status' | 'answer' | 'letter'; referral: Referral } | null;

export function ReferralsSection({ c, canWork }: { c: CaseDetail; canWork: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  // answers keep coming after a case is closed: the status and the answer stay open to the case workers
  const canFollow = useCan('referralWork');
  const canSign = useCan('referralSign');
  const list = useApiQuery('referrals.forCase', { caseId: c.id });
  const [dialog, setDialog] = useState<Dialog>(null);
  const open = useApiMutation('documents.open', { onError: (e) => notifications.show({ color: 'red', message: errorText(t, e) }) });
  const sign = useApiMutation('referrals.letter', {
    onSuccess: async (doc) => {
      setDialog(null);
      await invalidate(qc, 'referrals.forCase', 'referrals.list', 'documents.list');
      notifications.show({ color: 'green', message: t('referrals.letterSigned', { number: doc.registerNumber }) });
      open.mutate({ id: doc.documentId });
    },
  });
  return (
    <Paper withBorder radius="md" p="md" data-testid="case-referrals">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={5}>{t('referrals.title')}</Title>
          {canWork && (
            <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setDialog({ kind: 'new' })} data-testid="referral-new">
              {t('referrals.new')}
            </Button>
          )}
        </Group>
        {list.error && <ErrorAlert error={list.error} />}
        {list.data && list.data.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('referrals.empty')}
          </Text>
        )}
        {list.data && list.data.length > 0 && (
          <Table.ScrollContainer minWidth={600}>
            <Table verticalSpacing={6} data-testid="referrals-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('referrals.fields.agencyType')}</Table.Th>
                  <Table.Th>{t('referrals.fields.pupil')}</Table.Th>
                  <Table.Th>{t('referrals.fields.status')}</Table.Th>
                  <Table.Th>{t('referrals.fields.dates')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.map((r) => (
                  <Table.Tr key={r.id} data-testid="referral-row" data-status={r.status}>
                    <Table.Td maw={300}>
                      <Text size="sm" fw={600}>
                        {agencyText(t, r)}
                      </Text>
                      {r.reason && (
                        <Text size="xs" c="dimmed" lineClamp={2}>
                          {r.reason}
                        </Text>
                      )}
                      {r.answer && (
                        <Text size="xs" lineClamp={3} data-testid="referral-answer-text">
                          <b>{t('referrals.fields.answer')}:</b> {r.answer}
                        </Text>
                      )}
                      <Group gap={4} mt={2}>
                        {r.councilDecisionId && (
                          <Badge size="xs" variant="light" color="grape" style={{ textTransform: 'none' }}>
                            {t('referrals.fromCouncil')}
                          </Badge>
                        )}
                        {r.letter && (
                          <Text size="xs" c="dimmed">
                            {t('referrals.letterNumber', { number: r.letter.registerNumber })}
                          </Text>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      {r.pupil.lastName} {r.pupil.firstName}
                    </Table.Td>
                    <Table.Td>
                      <StatusBadge status={r.status} />
                    </Table.Td>
                    <Table.Td miw={150}>
                      {r.sentOn ? (
                        <Text size="xs">
                          {t('referrals.fields.sentOn')}: {day(r.sentOn)}
                        </Text>
                      ) : (
                        r.sendBy && (
                          <Text size="xs">
                            {t('referrals.fields.sendBy')}: {day(r.sendBy)}
                          </Text>
                        )
                      )}
                      {r.answerDueOn && (
                        <Text size="xs" c={r.overdue ? 'red.9' : undefined} fw={r.overdue ? 700 : undefined} data-testid={r.overdue ? 'referral-overdue' : undefined}>
                          {t('referrals.fields.answerDueOn')}: {day(r.answerDueOn)}
                          {r.overdue ? ` · ${t('referrals.overdue')}` : ''}
                        </Text>
                      )}
                      {r.answeredOn && (
                        <Text size="xs">
                          {t('referrals.fields.answeredOn')}: {day(r.answeredOn)}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <RowActions r={r} canWork={canWork} canFollow={canFollow} canSign={canSign} setDialog={setDialog} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {list.data?.some((r) => r.letter) && (
          <Stack gap={4}>
            {list.data
              .filter((r): r is Referral & { letter: NonNullable<Referral['letter']> } => r.letter !== null)
              .map((r) => (
                <Group key={r.id} gap="xs">
                  <Text size="sm">
                    {t('referrals.letterNumber', { number: r.letter.registerNumber })} · {agencyText(t, r)}
                  </Text>
                  <DocumentActions documentId={r.letter.documentId} testId="referral-letter" />
                </Group>
              ))}
          </Stack>
        )}
      </Stack>
      {dialog?.kind === 'new' && <ReferralFormModal c={c} referral={null} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'edit' && <ReferralFormModal c={c} referral={dialog.referral} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'send' && <SendModal referral={dialog.referral} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'status' && <StatusModal referral={dialog.referral} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'answer' && <AnswerModal referral={dialog.referral} onClose={() => setDialog(null)} />}
      <SignDialog
        opened={dialog?.kind === 'letter'}
        title={t('referrals.dialogs.letter')}
        busy={sign.isPending}
        error={sign.error}
        onClose={() => setDialog(null)}
        onSign={(signer, language) => dialog?.kind === 'letter' && sign.mutate({ id: dialog.referral.id, language, signer })}
      />
    </Paper>
  );
}

function RowActions({
  r,
  canWork,
  canFollow,
  canSign,
  setDialog,
}: {
  r: Referral;
  canWork: boolean;
  canFollow: boolean;
  canSign: boolean;
  setDialog: (d: Dialog) => void;
}) {
  const { t } = useTranslation();
  const letterable = r.agencyType !== null && (r.status === 'draft' || r.status === 'sent' || r.status === 'accepted');
  const moves = REFERRAL_TRANSITIONS[r.status].filter((s) => s !== 'sent');
  const answerable = r.status !== 'draft' && r.status !== 'withdrawn';
  return (
    <Stack gap={4} align="flex-end">
      {canSign && letterable && (
        <Button size="compact-xs" variant="light" leftSection={<IconFileCertificate size={14} />} onClick={() => setDialog({ kind: 'letter', referral: r })} data-testid="referral-letter-sign">
          {t('referrals.actions.letter')}
        </Button>
      )}
      {canWork && r.status === 'draft' && (
        <Button size="compact-xs" leftSection={<IconSend size={14} />} onClick={() => setDialog({ kind: 'send', referral: r })} data-testid="referral-send">
          {t('referrals.actions.send')}
        </Button>
      )}
      {canFollow && (moves.length > 0 || answerable || (canWork && r.status === 'draft')) && (
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <Button size="compact-xs" variant="default" rightSection={<IconChevronDown size={12} />} aria-label={t('referrals.actions.moreActions')} data-testid="referral-menu">
              {t('common.actions')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            {canWork && r.status === 'draft' && (
              <Menu.Item onClick={() => setDialog({ kind: 'edit', referral: r })} data-testid="referral-edit">
                {t('referrals.actions.edit')}
              </Menu.Item>
            )}
            {moves.length > 0 && (
              <Menu.Item onClick={() => setDialog({ kind: 'status', referral: r })} data-testid="referral-status-open">
                {t('referrals.actions.status')}
              </Menu.Item>
            )}
            {answerable && (
              <Menu.Item onClick={() => setDialog({ kind: 'answer', referral: r })} data-testid="referral-answer-open">
                {t('referrals.actions.answer')}
              </Menu.Item>
            )}
          </Menu.Dropdown>
        </Menu>
      )}
    </Stack>
  );
}
