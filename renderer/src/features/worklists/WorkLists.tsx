/**
 * The work lists — "my tasks", "overdue", "due in 7 days", "reviews due" — over every source the features register
 * (case tasks, prevention measures, register reviews, concerns to triage), as tabs with their counts. The core
 * builds them for its own clock's today. The psychologist's and the social pedagogue's home screen opens with this
 * block; the "Work lists" screen shows it whole, and the school's lists to the overseers (the `workSchool` capability). With no
 * source registered (or nothing assigned) every list is simply empty.
 */
import { Anchor, Badge, Group, Pagination, Paper, SegmentedControl, Stack, Table, Tabs, Text, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { WORK_LISTS, WORK_SOON_DAYS, type WorkList, type WorkScope } from '../../../../shared/worklists';
import { useApiQuery } from '../../api/hooks';
import { usePupilNames } from '../../app/hideNames';
import { QueryPanel } from '../../app/QueryPanel';
import { AnchorLink, hashHref } from '../../app/links';
import dayjs from 'dayjs';
import { useCan } from '../../app/capabilities';

const COLORS: Record<WorkList, string> = { open: 'blue', overdue: 'red', due_soon: 'orange', reviews: 'grape' };

function ListTable({ list, scope, pageSize }: { list: WorkList; scope: WorkScope; pageSize: number }) {
  const { t } = useTranslation();
  const names = usePupilNames();
  const [page, setPage] = useState(1);
  const q = useApiQuery('worklists.list', { list, scope, page: page - 1, pageSize });
  const pages = Math.max(1, Math.ceil((q.data?.total ?? 0) / pageSize));
  return (
    <Stack gap="xs">
      <QueryPanel query={q}>
        {(data) =>
          data.items.length === 0 ? (
            <Text p="md" c="dimmed" data-testid="worklist-empty">
              {t(`worklists.empty.${list}`, { days: WORK_SOON_DAYS })}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={640}>
              <Table verticalSpacing="xs" data-testid="worklist-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={120}>{t('worklists.due')}</Table.Th>
                    <Table.Th>{t('worklists.what')}</Table.Th>
                    <Table.Th>{t('worklists.pupil')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((i) => (
                    <Table.Tr key={`${i.kind}:${i.id}`} data-testid="worklist-row">
                      <Table.Td>
                        <Text size="sm" c={i.overdue ? 'red.9' : undefined} fw={i.overdue ? 600 : undefined}>
                          {i.dueOn ? dayjs(i.dueOn).format('L') : t('worklists.noDate')}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="xs" c="dimmed">
                          {t(`worklists.kinds.${i.kind}`)}
                        </Text>
                        <Anchor href={hashHref(i.link)} size="sm">
                          {i.title === null ? t('worklists.hiddenTitle') : i.pupil ? names.text(i.title, { id: i.pupilId ?? '', ...i.pupil }) : i.title}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>
                        {i.pupil && i.pupilId ? (
                          <>
                            <AnchorLink to="/pupil" search={{ id: i.pupilId }} size="sm" data-testid="worklist-pupil">
                              {names.name({ id: i.pupilId, ...i.pupil })}
                            </AnchorLink>
                            {!names.hidden && (
                              <Text size="xs" c="dimmed">
                                {t('pupilCard.classLine', { grade: i.pupil.grade, letter: i.pupil.classLetter })}
                              </Text>
                            )}
                          </>
                        ) : (
                          '—'
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryPanel>
      {pages > 1 && (
        <Group justify="flex-end">
          <Pagination total={pages} value={page} onChange={setPage} size="sm" />
        </Group>
      )}
    </Stack>
  );
}

export function WorkLists({ pageSize, allowSchool }: { pageSize: number; allowSchool: boolean }) {
  const { t } = useTranslation();
  const overseer = useCan('workSchool');
  const [scope, setScope] = useState<WorkScope>('mine');
  const [tab, setTab] = useState<WorkList>('open');
  const counts = useApiQuery('worklists.counts', { scope });
  return (
    <Paper withBorder radius="md" p="lg" data-testid="worklists">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Title order={4}>{t(scope === 'mine' ? 'worklists.titleMine' : 'worklists.titleSchool')}</Title>
        {allowSchool && overseer && (
          <SegmentedControl
            size="xs"
            value={scope}
            onChange={(v) => setScope(v === 'school' ? 'school' : 'mine')}
            data={[
              { value: 'mine', label: t('worklists.scope.mine') },
              { value: 'school', label: t('worklists.scope.school') },
            ]}
            data-testid="worklists-scope"
          />
        )}
      </Group>
      <Tabs value={tab} onChange={(v) => setTab(WORK_LISTS.find((l) => l === v) ?? 'open')} keepMounted={false}>
        <Tabs.List>
          {WORK_LISTS.map((l) => (
            <Tabs.Tab
              key={l}
              value={l}
              data-testid={`worklists-tab-${l}`}
              rightSection={
                <Badge size="sm" variant={counts.data && counts.data[l] > 0 ? 'filled' : 'light'} color={COLORS[l]} data-testid={`worklists-count-${l}`}>
                  {counts.data ? counts.data[l] : '…'}
                </Badge>
              }
            >
              {t(`worklists.lists.${l}`, { days: WORK_SOON_DAYS })}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {WORK_LISTS.map((l) => (
          <Tabs.Panel key={l} value={l} pt="sm">
            <ListTable list={l} scope={scope} pageSize={pageSize} />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Paper>
  );
}

/** The screen: the lists whole, and the school's lists for the overseers. */
export function WorkScreen() {
  return <WorkLists pageSize={50} allowSchool />;
}

/**
 * The navigation's badges, from one cheap call (`worklists.nav`, shared by both through the query cache): the
 * caller's overdue work on "Work", the concerns awaiting triage on the inbox. The number is hidden from assistive
 * technology and said in words instead, so the link reads "Concerns inbox, 3 new".
 */
function NavCount({ count, color, words, testId }: { count: number; color: string; words: string; testId: string }) {
  if (count <= 0) return null;
  return (
    <>
      <Badge size="sm" color={color} circle={count < 10} aria-hidden data-testid={testId}>
        {count}
      </Badge>
      <VisuallyHidden>{`, ${words}`}</VisuallyHidden>
    </>
  );
}

function useNavCounts() {
  return useApiQuery('worklists.nav', {}, { refetchInterval: 60_000 });
}

export function WorkNavBadge() {
  const { t } = useTranslation();
  const counts = useNavCounts();
  const n = counts.data?.overdue ?? 0;
  return <NavCount count={n} color="red" words={t('nav.counts.overdue', { count: n })} testId="nav-work-count" />;
}

export function ConcernsNavBadge() {
  const { t } = useTranslation();
  const counts = useNavCounts();
  const n = counts.data?.concerns ?? 0;
  return <NavCount count={n} color="orange" words={t('nav.counts.concerns', { count: n })} testId="nav-concerns-count" />;
}
