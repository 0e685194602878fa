/**
 * The first-day guides (electron/core/help/first-day.ts): print or save the director's or the psychologist's page in
 * the UI language. Offered in every help panel, and on the home screen (to the accounts it is written for) until
 * the account puts it away.
 */
import { Button, CloseButton, Group, Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy, IconPrinter, IconRoute } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { FirstDayAudience } from '../../../../shared/help';
import { invalidate, useApiMutation, useApiQuery } from '../../api/hooks';
import { useCan } from '../../app/capabilities';
import { errorText } from '../../app/errors';
import { currentLanguage } from '../../i18n';
import { helpWords } from './texts';

function GuideActions({ audience }: { audience: FirstDayAudience }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const w = helpWords(language);
  const onError = (e: unknown) => notifications.show({ color: 'red', message: errorText(t, e) });
  const print = useApiMutation('help.firstDayPrint', { onError, onSuccess: () => notifications.show({ message: w.printSent }) });
  const save = useApiMutation('help.firstDaySave', { onError, onSuccess: (r) => r.saved && notifications.show({ color: 'green', message: w.saved }) });
  const who = audience === 'director' ? w.forDirector : w.forPsychologist;
  return (
    // the label on its own line and the buttons free to wrap: a narrow drawer never cuts "Басып шығару"
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        {who}
      </Text>
      <Group gap="xs">
        <Button
          size="xs"
          variant="light"
          leftSection={<IconPrinter size={14} aria-hidden />}
          loading={print.isPending}
          onClick={() => print.mutate({ audience, language })}
          aria-label={`${w.print}: ${who}`}
          data-testid={`first-day-print-${audience}`}
        >
          {w.print}
        </Button>
        <Button
          size="xs"
          variant="default"
          leftSection={<IconDeviceFloppy size={14} aria-hidden />}
          loading={save.isPending}
          onClick={() => save.mutate({ audience, language })}
          aria-label={`${w.save}: ${who}`}
          data-testid={`first-day-save-${audience}`}
        >
          {w.save}
        </Button>
      </Group>
    </Stack>
  );
}

/** Both guides, for the help panel. */
export function FirstDayGuides() {
  const w = helpWords(currentLanguage());
  return (
    <Stack gap="xs" data-testid="first-day-guides">
      <Text size="sm" fw={600}>
        {w.firstDay}
      </Text>
      <Text size="xs">{w.firstDayHint}</Text>
      <GuideActions audience="director" />
      <GuideActions audience="psychologist" />
    </Stack>
  );
}

/**
 * The home screen's card: the director's guide to whoever sets the school up (may edit the school profile), the
 * psychologist's to whoever screens (the capabilities come from the core); gone once the account dismisses it.
 */
export function FirstDayCard() {
  useTranslation();
  const qc = useQueryClient();
  const w = helpWords(currentLanguage());
  const setsUp = useCan('schoolEdit');
  const screens = useCan('screen');
  const state = useApiQuery('help.firstDay', {});
  const dismiss = useApiMutation('help.dismissFirstDay', { onSuccess: () => void invalidate(qc, 'help.firstDay') });
  if (!state.data || state.data.dismissed || (!setsUp && !screens)) return null;
  return (
    <Paper withBorder radius="md" p="md" data-testid="first-day-card">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Group align="flex-start" wrap="nowrap">
          <ThemeIcon variant="light" size={36} radius="md" aria-hidden>
            <IconRoute size={20} />
          </ThemeIcon>
          <Stack gap={6}>
            <Text fw={600} component="h2" m={0} size="md">
              {w.homeTitle}
            </Text>
            <Text size="sm">{w.homeText}</Text>
            {setsUp && <GuideActions audience="director" />}
            {screens && <GuideActions audience="psychologist" />}
          </Stack>
        </Group>
        <CloseButton aria-label={w.dismiss} title={w.dismiss} onClick={() => dismiss.mutate({})} disabled={dismiss.isPending} data-testid="first-day-dismiss" />
      </Group>
    </Paper>
  );
}
