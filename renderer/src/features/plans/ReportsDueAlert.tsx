/** The reminder: quarterly execution reports due (by the 10th of the month after the quarter) or overdue. */
import { Alert, Stack, Text } from '@mantine/core';
import { IconBellRinging } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/hooks';
import { AnchorLink } from '../../app/links';
import { yearLabel } from './format';

export function ReportsDueAlert({ planId }: { planId?: string }) {
  const { t } = useTranslation();
  const due = useApiQuery('plans.reportsDue', {}, { retry: false });
  const list = (due.data ?? []).filter((d) => !planId || d.planId === planId);
  if (list.length === 0) return null;
  const overdue = list.some((d) => d.state === 'overdue');
  return (
    <Alert
      color={overdue ? 'red' : 'yellow'}
      variant="light"
      icon={<IconBellRinging size={20} />}
      title={t('plans.reports.dueTitle')}
      data-testid="reports-due"
    >
      <Stack gap={4}>
        {list.map((d) => (
          <Text key={`${d.planId}-${d.quarter}`} size="sm">
            {t(d.state === 'overdue' ? 'plans.reports.overdueLine' : 'plans.reports.dueLine', {
              quarter: d.quarter,
              year: yearLabel(d.academicYear),
              date: d.dueDate.split('-').reverse().join('.'),
            })}{' '}
            <AnchorLink to="/plan" search={{ id: d.planId, tab: 'reports', quarter: d.quarter }} size="sm">
              {t('plans.reports.open')}
            </AnchorLink>
          </Text>
        ))}
      </Stack>
    </Alert>
  );
}
