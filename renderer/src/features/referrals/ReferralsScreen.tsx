/**
 * The school's referrals (case readers): every referral with its pupil, case, agency, status, dates; filtered in the
 * core by status, agency and "answer overdue" (the red ones: sent, no answer, the answer date passed). A row opens
 * its case. Reading it is an audited list view.
 */
import { Checkbox, Group, Select, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AGENCY_TYPES, REFERRAL_STATUSES, type AgencyType, type ReferralStatus } from '../../../../shared/referrals';
import { useApiQuery } from '../../api/hooks';
import { QueryPanel } from '../../app/QueryPanel';
import { useNavigate } from '@tanstack/react-router';
import { AnchorLink } from '../../app/links';
import { StatusBadge, agencyText, day } from './labels';

export function ReferralsScreen() {
  const navigate = useNavigate();
  const { t } = useTranslation();
  const [status, setStatus] = useState<ReferralStatus | null>(null);
  const [agencyType, setAgencyType] = useState<AgencyType | null>(null);
  const [overdueOnly, setOverdueOnly] = useState(false);
  const list = useApiQuery('referrals.list', { overdueOnly, ...(status ? { status } : {}), ...(agencyType ? { agencyType } : {}) });
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('referrals.intro')}
      </Text>
      <Group align="flex-end" wrap="wrap">
        <Select
          label={t('referrals.filters.status')}
          placeholder={t('referrals.filters.allStatuses')}
          value={status}
          onChange={(v) => setStatus(REFERRAL_STATUSES.find((s) => s === v) ?? null)}
          clearable
          data={REFERRAL_STATUSES.map((s) => ({ value: s, label: t(`referrals.status.${s}`) }))}
          w={200}
          data-testid="referrals-filter-status"
        />
        <Select
          label={t('referrals.filters.agency')}
          placeholder={t('referrals.filters.allAgencies')}
          value={agencyType}
          onChange={(v) => setAgencyType(AGENCY_TYPES.find((a) => a === v) ?? null)}
          clearable
          data={AGENCY_TYPES.map((a) => ({ value: a, label: t(`referrals.agency.${a}`) }))}
          w={260}
          data-testid="referrals-filter-agency"
        />
        <Checkbox label={t('referrals.filters.overdueOnly')} checked={overdueOnly} onChange={(e) => setOverdueOnly(e.currentTarget.checked)} mb={8} data-testid="referrals-overdue-only" />
      </Group>
      <QueryPanel query={list}>
        {(items) =>
          items.length === 0 ? (
            <Text p="lg" c="dimmed">
              {t('referrals.empty')}
            </Text>
          ) : (
            <Stack gap={4} p="xs">
              <Table.ScrollContainer minWidth={700}>
                <Table verticalSpacing="xs" highlightOnHover data-testid="referrals-list">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('referrals.fields.pupil')}</Table.Th>
                      <Table.Th>{t('referrals.fields.case')}</Table.Th>
                      <Table.Th>{t('referrals.fields.agencyType')}</Table.Th>
                      <Table.Th>{t('referrals.fields.status')}</Table.Th>
                      <Table.Th>{t('referrals.fields.dates')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.map((r) => (
                      <Table.Tr key={r.id} onClick={() => void navigate({ to: '/case', search: { id: r.caseId } })} style={{ cursor: 'pointer' }} data-testid="referrals-list-row">
                        <Table.Td>
                          <Text size="sm" fw={600}>
                            {r.pupil.lastName} {r.pupil.firstName}
                          </Text>
                          <Text size="xs" c="dimmed">
                            {r.pupil.grade} {r.pupil.classLetter}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <AnchorLink to="/case" search={{ id: r.caseId }} size="sm" onClick={(e) => e.stopPropagation()}>
                            №{r.caseNumber}
                          </AnchorLink>
                        </Table.Td>
                        <Table.Td maw={260}>
                          <Text size="sm" lineClamp={2}>
                            {agencyText(t, r)}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <StatusBadge status={r.status} />
                        </Table.Td>
                        <Table.Td miw={170}>
                          {r.sentOn && (
                            <Text size="xs">
                              {t('referrals.fields.sentOn')}: {day(r.sentOn)}
                            </Text>
                          )}
                          {r.answerDueOn && (
                            <Text size="xs" c={r.overdue ? 'red.9' : undefined} fw={r.overdue ? 700 : undefined} data-testid={r.overdue ? 'referrals-overdue' : undefined}>
                              {t('referrals.fields.answerDueOn')}: {day(r.answerDueOn)}
                              {r.overdue ? ` · ${t('referrals.overdue')}` : ''}
                            </Text>
                          )}
                          {r.answeredOn && (
                            <Text size="xs">
                              {t('referrals.fields.answeredOn')}: {day(r.answeredOn)}
                            </Text>
                          )}
                          {!r.sentOn && r.sendBy && (
                            <Text size="xs">
                              {t('referrals.fields.sendBy')}: {day(r.sendBy)}
                            </Text>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <Text size="xs" c="dimmed">
                {t('referrals.total', { count: items.length })}
              </Text>
            </Stack>
          )
        }
      </QueryPanel>
    </Stack>
  );
}
