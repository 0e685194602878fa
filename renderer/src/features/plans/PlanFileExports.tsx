/** Word and Excel copies of the plan (for offices that keep editing there): saved where the user chooses. */
import { Button, Group, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileSpreadsheet, IconFileTypeDocx } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Plan } from '../../../../shared/plans';
import { useApiMutation } from '../../api/hooks';
import { errorText } from '../../app/errors';
import { currentLanguage } from '../../i18n';

export function PlanFileExports({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const [language, setLanguage] = useState<'kk' | 'ru'>(currentLanguage());
  const save = useApiMutation('plansIo.saveExport', {
    onSuccess: (r) =>
      notifications.show(
        r.path
          ? { color: 'green', message: t('plansIo.export.saved', { path: r.path.split(/[\\/]/).pop() ?? '' }) }
          : { color: 'gray', message: t('plansIo.export.cancelled') },
      ),
    onError: (e) => notifications.show({ color: 'red', message: errorText(t, e) }),
  });
  return (
    <Paper withBorder radius="md" p="lg" data-testid="plan-file-exports">
      <Stack gap="sm">
        <Title order={5}>{t('plans.files.title')}</Title>
        <Text size="sm" c="dimmed">
          {t(plan.status === 'approved' ? 'plans.files.hintApproved' : 'plans.files.hintDraft')}
        </Text>
        <Group gap="md" wrap="wrap">
          <SegmentedControl
            aria-label={t('plansIo.export.language')}
            value={language}
            onChange={(v) => setLanguage(v === 'ru' ? 'ru' : 'kk')}
            data={[
              { value: 'kk', label: t('languages.kk') },
              { value: 'ru', label: t('languages.ru') },
            ]}
          />
          <Button
            variant="light"
            leftSection={<IconFileTypeDocx size={18} />}
            loading={save.isPending && save.variables?.format === 'docx'}
            onClick={() => save.mutate({ id: plan.id, language, format: 'docx' })}
            data-testid="plan-save-docx"
          >
            {t('plansIo.export.docx')}
          </Button>
          <Button
            variant="light"
            leftSection={<IconFileSpreadsheet size={18} />}
            loading={save.isPending && save.variables?.format === 'xlsx'}
            onClick={() => save.mutate({ id: plan.id, language, format: 'xlsx' })}
            data-testid="plan-save-xlsx"
          >
            {t('plansIo.export.xlsx')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
