/** Items of approved plans that fall due soon (this month, or a named date within two weeks): a reminder. */
import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconCalendarDue } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/hooks';
import { AnchorLink } from '../../app/links';
import { currentLanguage } from '../../i18n';
import { pick } from './format';

const SHOWN = 8;

export function UpcomingItems() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const upcoming = useApiQuery('plans.upcoming', { days: 14 }, { retry: false });
  const list = upcoming.data ?? [];
  if (list.length === 0) return null;
  return (
    <Paper withBorder radius="md" p="md" data-testid="plans-upcoming">
      <Group gap="xs" mb="xs">
        <IconCalendarDue size={18} />
        <Title order={5}>{t('plans.upcoming.title', { n: list.length })}</Title>
      </Group>
      <Stack gap={6}>
        {list.slice(0, SHOWN).map((u) => (
          <Group key={`${u.itemId}-${u.quarter}`} gap="sm" wrap="nowrap" align="flex-start">
            <Badge variant="light" color={u.dueDate ? 'orange' : 'gray'} style={{ textTransform: 'none', flexShrink: 0 }} w={110}>
              {u.dueDate ? dayjs(u.dueDate).format('L') : t('plans.upcoming.thisMonth')}
            </Badge>
            <Text size="sm" style={{ minWidth: 0, overflowWrap: 'break-word' }}>
              <AnchorLink to="/plan" search={{ id: u.planId, tab: 'execution' }} size="sm" fw={600}>
                №{u.number}
              </AnchorLink>{' '}
              {pick(lang, u.measureKk, u.measureRu)}
            </Text>
          </Group>
        ))}
        {list.length > SHOWN && (
          <Text size="xs" c="dimmed">
            {t('plans.upcoming.more', { n: list.length - SHOWN })}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
