/**
 * The home screen's blocks per role, all from one core call (`overview.home`, shared/overview.ts): the core answers
 * only the blocks the caller's roles may see (HOME_BLOCKS), so this component shows what is there and never decides
 * on roles itself. Numbers and dates only; each block links to its list.
 */
import { Anchor, Badge, Group, Paper, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { HomeOverview } from '../../../../shared/overview';
import { useApiQuery } from '../../api/hooks';
import { ErrorAlert } from '../../app/errors';
import { AnchorLink, hashHref } from '../../app/links';
import { TEXT_WARNING } from '../../app/theme';
import { currentLanguage } from '../../i18n';

// text colours at 4.5:1 on white (a11y.test.ts): the light reds and oranges are not
const RISK_COLORS: Record<string, string> = { acute: 'red.9', high: 'red.9', medium: TEXT_WARNING, low: 'blue.9', none: 'gray.7' };

function Block({ name, title, link, linkLabel, children }: { name: string; title: string; link: string; linkLabel: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="md" data-testid={`home-block-${name}`} component="section" aria-label={title}>
      <Stack gap="xs" h="100%" justify="space-between">
        <Stack gap={6}>
          <Title order={2} size="h5">
            {title}
          </Title>
          {children}
        </Stack>
        <Anchor href={hashHref(link)} size="sm">
          {linkLabel}
        </Anchor>
      </Stack>
    </Paper>
  );
}

function Figure({ id, value, label, alert }: { id: string; value: number | string; label: string; alert?: boolean }) {
  return (
    <Group gap="xs" wrap="nowrap" align="baseline">
      <Text fw={700} size="xl" c={alert ? 'red.9' : undefined} data-testid={id} miw={36}>
        {value}
      </Text>
      <Text size="sm">{label}</Text>
    </Group>
  );
}

function PlanBlock({ plan }: { plan: NonNullable<HomeOverview['plan']> }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  return (
    <Paper withBorder radius="md" p="md" data-testid="home-block-plan" component="section" aria-label={t('overview.plan.title')}>
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h5">
          {t('overview.plan.title')} {plan.academicYear}–{plan.academicYear + 1}
        </Title>
        <Group gap="xs">
          {!plan.approved && <Badge color="gray">{t('plans.status.draft')}</Badge>}
          {plan.overdue > 0 && (
            <Badge color="red" variant="light" c="red.9" data-testid="home-plan-overdue">
              {t('overview.plan.overdue', { count: plan.overdue })}
            </Badge>
          )}
        </Group>
      </Group>
      <Table verticalSpacing={4} withRowBorders={false}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('statistics.columns.section')}</Table.Th>
            <Table.Th w="40%">{t('overview.plan.progress')}</Table.Th>
            <Table.Th ta="right">{t('overview.plan.due')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {plan.sections.map((s) => (
            <Table.Tr key={s.number} data-testid="home-plan-section">
              <Table.Td>
                {/* at most two lines in the table; the whole title shows on hover (and is read whole by screen readers) */}
                <Text size="sm" lineClamp={2} title={`${s.number}. ${lang === 'ru' ? s.titleRu : s.titleKk}`}>
                  {s.number}. {lang === 'ru' ? s.titleRu : s.titleKk}
                </Text>
              </Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Progress value={s.percent} flex={1} aria-label={`${s.number}: ${s.percent} %`} color={s.overdue > 0 ? 'orange' : 'teal'} />
                  <Text size="sm" w={44} ta="right">
                    {s.due === 0 ? '—' : `${s.percent} %`}
                  </Text>
                </Group>
              </Table.Td>
              <Table.Td ta="right">
                <Text size="sm">{s.due}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <AnchorLink to="/plan" search={{ id: plan.planId, tab: 'execution' }} size="sm">
        {t('overview.plan.open')}
      </AnchorLink>
    </Paper>
  );
}

export function HomeBlocks() {
  const { t } = useTranslation();
  const q = useApiQuery('overview.home', {}, { retry: false, refetchOnMount: 'always' });
  if (q.error) return <ErrorAlert error={q.error} />;
  const o = q.data;
  if (!o) return null;
  const blocks: ReactNode[] = [];

  if (o.schoolWork) {
    blocks.push(
      <Block key="schoolWork" name="schoolWork" title={t('overview.schoolWork.title')} link="/work" linkLabel={t('overview.schoolWork.open')}>
        <Figure id="home-school-overdue" value={o.schoolWork.overdue} label={t('overview.work.overdue')} alert={o.schoolWork.overdue > 0} />
        <Figure id="home-school-due-soon" value={o.schoolWork.due_soon} label={t('overview.work.dueSoon')} />
        <Figure id="home-school-reviews" value={o.schoolWork.reviews} label={t('overview.work.reviews')} />
      </Block>,
    );
  }
  if (o.casesByRisk) {
    const open = o.casesByRisk.reduce((s, r) => s + r.count, 0);
    blocks.push(
      <Block key="cases" name="casesByRisk" title={t('overview.cases.title')} link="/cases" linkLabel={t('overview.cases.open')}>
        <Figure id="home-cases-open" value={open} label={t('overview.cases.openCases')} />
        <Table verticalSpacing={2} withRowBorders={false}>
          <Table.Tbody>
            {o.casesByRisk.map((r) => (
              <Table.Tr key={r.key}>
                <Table.Td>
                  <Text size="sm" c={RISK_COLORS[r.key]} fw={r.key === 'acute' || r.key === 'high' ? 600 : undefined}>
                    {t(`cases.risk.${r.key}`)}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm" data-testid={`home-cases-risk-${r.key}`}>
                    {r.count}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Block>,
    );
  }
  if (o.inbox) {
    blocks.push(
      <Block key="inbox" name="inbox" title={t('overview.inbox.title')} link="/concerns/inbox" linkLabel={t('overview.inbox.open')}>
        <Figure id="home-inbox-awaiting" value={o.inbox.awaiting} label={t('overview.inbox.awaiting')} alert={o.inbox.awaiting > 0} />
      </Block>,
    );
  }
  if (o.myWork && !o.inbox) {
    // the case workers see their work lists in full below; the others see their counts here
    blocks.push(
      <Block key="myWork" name="myWork" title={t('overview.myWork.title')} link="/work" linkLabel={t('overview.myWork.open')}>
        <Figure id="home-my-open" value={o.myWork.open} label={t('overview.work.open')} />
        <Figure id="home-my-overdue" value={o.myWork.overdue} label={t('overview.work.overdue')} alert={o.myWork.overdue > 0} />
        <Figure id="home-my-due-soon" value={o.myWork.due_soon} label={t('overview.work.dueSoon')} />
      </Block>,
    );
  }
  if (o.myConcerns) {
    blocks.push(
      <Block key="myConcerns" name="myConcerns" title={t('overview.myConcerns.title')} link="/concerns" linkLabel={t('overview.myConcerns.open')}>
        <Figure id="home-concerns-awaiting" value={o.myConcerns.awaiting} label={t('overview.myConcerns.awaiting')} />
        <Figure id="home-concerns-answered" value={o.myConcerns.answered} label={t('overview.myConcerns.answered')} />
      </Block>,
    );
  }
  if (o.council) {
    const next = o.council.next;
    blocks.push(
      <Block key="council" name="council" title={t('overview.council.title')} link={next ? `/council/meeting?id=${next.id}` : '/council'} linkLabel={t('overview.council.open')}>
        {next ? (
          <Text size="sm" data-testid="home-council-next">
            {t('overview.council.next', { number: next.number, date: dayjs(next.date).format('L'), time: next.time })}
          </Text>
        ) : (
          <Text size="sm" c="dimmed" data-testid="home-council-none">
            {t('overview.council.none')}
          </Text>
        )}
        {o.council.awaitingChair > 0 && <Figure id="home-council-awaiting" value={o.council.awaitingChair} label={t('overview.council.awaitingChair')} />}
        {o.councilSecretary && o.councilSecretary.proposals !== null && (
          <Figure id="home-council-proposals" value={o.councilSecretary.proposals} label={t('overview.council.proposals')} />
        )}
      </Block>,
    );
  }
  if (o.accounts) {
    blocks.push(
      <Block key="accounts" name="accounts" title={t('overview.accounts.title')} link="/accounts" linkLabel={t('overview.accounts.open')}>
        <Figure id="home-accounts-active" value={o.accounts.active} label={t('overview.accounts.active')} />
        {o.accounts.disabled > 0 && <Figure id="home-accounts-disabled" value={o.accounts.disabled} label={t('overview.accounts.disabled')} />}
      </Block>,
    );
  }
  if (o.districtReport && o.districtReport.due.length > 0) {
    const overdue = o.districtReport.due.some((d) => d.state === 'overdue');
    blocks.push(
      <Block key="districtReport" name="districtReport" title={t('overview.districtReport.title')} link="/statistics" linkLabel={t('overview.districtReport.open')}>
        {o.districtReport.due.map((d) => (
          <Text
            key={`${d.academicYear}-${d.quarter}`}
            size="sm"
            c={d.state === 'overdue' ? 'red.9' : TEXT_WARNING}
            fw={600}
            data-testid={`home-district-${d.state}`}
          >
            {t(d.state === 'overdue' ? 'overview.districtReport.overdue' : 'overview.districtReport.due', {
              quarter: d.quarter,
              year: `${d.academicYear}–${d.academicYear + 1}`,
              date: dayjs(d.dueDate).format('L'),
            })}
          </Text>
        ))}
        {overdue && (
          <Badge color="red" variant="light" c="red.9" w="fit-content">
            {t('overview.districtReport.overdueBadge')}
          </Badge>
        )}
      </Block>,
    );
  }
  if (o.audit) {
    blocks.push(
      <Block key="audit" name="audit" title={t('overview.audit.title')} link="/audit" linkLabel={t('overview.audit.open')}>
        <Text size="sm" c={o.audit.ok ? 'teal.9' : 'red.9'} fw={600} data-testid="home-audit-status">
          {o.audit.ok ? t('overview.audit.ok', { count: o.audit.checked }) : t('overview.audit.broken')}
        </Text>
      </Block>,
    );
  }

  return (
    <Stack gap="md" data-testid="home-blocks">
      {blocks.length > 0 && <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>{blocks}</SimpleGrid>}
      {o.plan && <PlanBlock plan={o.plan} />}
    </Stack>
  );
}
