/**
 * The intra-school register: who is on it, since when and by which decision, on which grounds, who follows the
 * pupil, the next review (due ones first, marked) and the prevention plan's open and overdue measures. A row opens
 * the pupil's register (reviews, plan, take off) in a drawer; `#/register?pupil=<id>` opens it directly (links from
 * the work lists). Reading it is an audited list view.
 */
import { Badge, Button, Checkbox, Drawer, Group, Stack, Table, Text } from '@mantine/core';
import { IconListCheck, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/hooks';
import { QueryPanel } from '../../app/QueryPanel';
import { useNavigate, getRouteApi } from '@tanstack/react-router';
import { GroundsModal, PutOnModal } from './dialogs';
import { day, groundsText } from './labels';
import { PupilRegister } from './PupilRegister';
import { useCan } from '../../app/capabilities';

const registerRoute = getRouteApi('/register');

export function RegisterScreen() {
  const navigate = useNavigate();
  const { t, i18n } = useTranslation();
  const canEdit = useCan('registerEdit');
  const canEditGrounds = useCan('registerGrounds');
  const [dueOnly, setDueOnly] = useState(false);
  const [includeClosed, setIncludeClosed] = useState(false);
  const [putOn, setPutOn] = useState(false);
  const [editGrounds, setEditGrounds] = useState(false);
  const openPupil = registerRoute.useSearch({ select: (s) => s.pupil ?? null });
  const list = useApiQuery('register.list', { dueOnly, includeClosed });
  const grounds = useApiQuery('register.grounds', {});
  const opened = list.data?.items.find((i) => i.pupilId === openPupil);

  return (
    <Stack>
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Group wrap="wrap">
          <Checkbox label={t('register.dueOnly', { count: list.data?.dueCount ?? 0 })} checked={dueOnly} onChange={(e) => setDueOnly(e.currentTarget.checked)} data-testid="register-due-only" />
          <Checkbox label={t('register.includeClosed')} checked={includeClosed} onChange={(e) => setIncludeClosed(e.currentTarget.checked)} />
        </Group>
        <Group>
          {canEditGrounds && (
            <Button variant="default" leftSection={<IconListCheck size={18} />} onClick={() => setEditGrounds(true)} disabled={!grounds.data}>
              {t('register.groundsTitle')}
            </Button>
          )}
          {canEdit && (
            <Button leftSection={<IconUserPlus size={18} />} onClick={() => setPutOn(true)} data-testid="register-put-on-new">
              {t('register.putOn')}
            </Button>
          )}
        </Group>
      </Group>
      <QueryPanel query={list}>
        {(data) =>
          data.items.length === 0 ? (
            <Text p="lg" c="dimmed">
              {t('register.none')}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={700}>
              <Table verticalSpacing="xs" highlightOnHover data-testid="register-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('pupils.name')}</Table.Th>
                    <Table.Th>{t('pupils.class')}</Table.Th>
                    <Table.Th>{t('register.since')}</Table.Th>
                    <Table.Th>{t('register.grounds')}</Table.Th>
                    <Table.Th visibleFrom="lg">{t('register.curator')}</Table.Th>
                    <Table.Th>{t('register.nextReview')}</Table.Th>
                    <Table.Th>{t('register.plan.short')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((r) => (
                    <Table.Tr key={r.entryId} onClick={() => void navigate({ to: '/register', search: { pupil: r.pupilId } })} style={{ cursor: 'pointer' }} data-testid="register-row">
                      <Table.Td>
                        <Text size="sm" fw={600}>
                          {r.lastName} {r.firstName}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {r.grade} {r.classLetter}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{day(r.on.date)}</Text>
                        <Text size="xs" c="dimmed">
                          {t(`register.bodies.${r.on.body}`)} № {r.on.number}
                          {r.offDate ? ` · ${t('register.offOn', { date: day(r.offDate) })}` : ''}
                        </Text>
                      </Table.Td>
                      <Table.Td maw={240}>
                        <Text size="sm" lineClamp={2}>
                          {groundsText(r.groundIds, grounds.data ?? [], i18n.language)}
                        </Text>
                      </Table.Td>
                      <Table.Td visibleFrom="lg">{r.curatorName ?? '—'}</Table.Td>
                      <Table.Td miw={120}>
                        {r.nextReviewOn ? (
                          <Stack gap={2} align="flex-start">
                            <Badge color={r.reviewDue ? 'red' : 'gray'} variant={r.reviewDue ? 'filled' : 'light'} style={{ textTransform: 'none', overflow: 'visible' }} styles={{ label: { overflow: 'visible' } }} data-testid={r.reviewDue ? 'review-due' : 'review-date'}>
                              {day(r.nextReviewOn)}
                            </Badge>
                            {r.reviewDue && (
                              <Text size="xs" c="red.9" fw={600}>
                                {t('register.due')}
                              </Text>
                            )}
                          </Stack>
                        ) : (
                          '—'
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          {r.openMeasures > 0 && <Badge variant="light" style={{ textTransform: 'none' }}>{t('register.plan.open', { count: r.openMeasures })}</Badge>}
                          {r.overdueMeasures > 0 && (
                            <Badge color="red" variant="light" style={{ textTransform: 'none' }}>
                              {t('register.plan.overdue', { count: r.overdueMeasures })}
                            </Badge>
                          )}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryPanel>
      <Drawer
        opened={openPupil !== null}
        onClose={() => void navigate({ to: '/register' })}
        position="right"
        size="xl"
        title={opened ? `${opened.lastName} ${opened.firstName} · ${opened.grade} ${opened.classLetter}` : t('nav.register')}
      >
        {openPupil !== null && <PupilRegister pupilId={openPupil} archived={false} />}
      </Drawer>
      {putOn && <PutOnModal pupilId={null} onClose={() => setPutOn(false)} />}
      {editGrounds && grounds.data && <GroundsModal grounds={grounds.data} onClose={() => setEditGrounds(false)} />}
    </Stack>
  );
}
