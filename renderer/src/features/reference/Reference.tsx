/**
 * The reference (issue 10, item 5): the danger-sign checklists, what a class teacher does, and the helplines, in the
 * UI language, with their sources. The same content is a screen of its own (navigation: "Reference"), a drawer
 * opened from every case screen and from the concern form (`ReferenceButton`), and a one/two-page sheet to print
 * or save for class teachers. Nothing here is about a pupil.
 */
import { Accordion, Badge, Button, Drawer, Group, List, Loader, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy, IconLifebuoy, IconPrinter } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReferenceTexts } from '../../../../shared/reference';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { ErrorAlert, errorText } from '../../app/errors';
import { TEXT_WARNING } from '../../app/theme';

type Lang = 'kk' | 'ru';

function useLang(): Lang {
  const { i18n } = useTranslation();
  return i18n.language === 'ru' ? 'ru' : 'kk';
}

/** Print and save the sheet in the UI language. */
export function ReferenceSheetActions() {
  const { t } = useTranslation();
  const language = useLang();
  const onError = (e: unknown) => notifications.show({ color: 'red', message: errorText(t, e) });
  const print = useApiMutation('reference.print', { onError, onSuccess: () => notifications.show({ message: t('reference.printSent') }) });
  const save = useApiMutation('reference.save', { onError, onSuccess: (r) => r.saved && notifications.show({ color: 'green', message: t('reference.saved') }) });
  return (
    <Group gap="xs">
      <Button size="xs" variant="light" leftSection={<IconPrinter size={14} />} loading={print.isPending} onClick={() => print.mutate({ language })} data-testid="reference-print">
        {t('reference.print')}
      </Button>
      <Button size="xs" variant="default" leftSection={<IconDeviceFloppy size={14} />} loading={save.isPending} onClick={() => save.mutate({ language })} data-testid="reference-save">
        {t('reference.save')}
      </Button>
    </Group>
  );
}

function Helplines({ texts, lang }: { texts: ReferenceTexts; lang: Lang }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" data-testid="reference-helplines">
      {texts.helplines.map((h) => (
        <Paper key={h.number} withBorder p="xs" radius="sm">
          <Group gap="sm" wrap="nowrap" align="flex-start">
            <Text fw={700} fz={26} lh={1} c={h.emergency ? 'red.9' : undefined} miw={52} data-testid={`helpline-${h.number}`}>
              {h.number}
            </Text>
            <Stack gap={2}>
              <Text size="sm" fw={600}>
                {h.name[lang]}
              </Text>
              <Text size="xs">{h.what[lang]}</Text>
              <Text size="xs" c="dimmed">
                {h.how[lang]}
              </Text>
            </Stack>
          </Group>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

function TeacherSteps({ texts, lang }: { texts: ReferenceTexts; lang: Lang }) {
  const { t } = useTranslation();
  const s = texts.teacherSteps;
  return (
    <Stack gap={6} data-testid="reference-steps">
      <Title order={5}>{s.title[lang]}</Title>
      <Text size="sm" fs="italic">
        {s.lead[lang]}
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <List type="ordered" size="sm" spacing={4}>
          {s.steps.map((x) => (
            <List.Item key={x.ru}>{x[lang]}</List.Item>
          ))}
        </List>
        <Stack gap={4}>
          <Text size="sm" fw={700} c={TEXT_WARNING}>
            {t('reference.never')}
          </Text>
          <List size="sm" spacing={4}>
            {s.never.map((x) => (
              <List.Item key={x.ru}>{x[lang]}</List.Item>
            ))}
          </List>
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}

function Checklists({ texts, lang, open }: { texts: ReferenceTexts; lang: Lang; open?: string[] }) {
  const sources = new Map(texts.sources.map((s) => [s.id, s]));
  return (
    <Accordion multiple variant="separated" defaultValue={open ?? []} data-testid="reference-checklists">
      {texts.checklists.map((c) => (
        <Accordion.Item key={c.id} value={c.id}>
          <Accordion.Control data-testid={`checklist-${c.id}`}>
            <Text fw={600} size="sm">
              {c.title[lang]}
            </Text>
          </Accordion.Control>
          <Accordion.Panel>
            <Stack gap={6}>
              <Text size="sm" fs="italic">
                {c.lead[lang]}
              </Text>
              <List size="sm" spacing={3}>
                {c.signs.map((s) => (
                  <List.Item key={s.ru}>{s[lang]}</List.Item>
                ))}
              </List>
              <Group gap={4}>
                {c.sources.map((id) => (
                  <Badge key={id} size="xs" variant="outline" color="gray" style={{ textTransform: 'none' }}>
                    {sources.get(id)?.organisation.split(' / ')[0]?.slice(0, 60) ?? id}
                  </Badge>
                ))}
              </Group>
            </Stack>
          </Accordion.Panel>
        </Accordion.Item>
      ))}
    </Accordion>
  );
}

function Sources({ texts }: { texts: ReferenceTexts }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4} data-testid="reference-sources">
      <Title order={6}>{t('reference.sources')}</Title>
      <List type="ordered" size="xs" spacing={2}>
        {texts.sources.map((s) => (
          <List.Item key={s.id}>
            {s.organisation}. {s.document}
            {s.year ? ` (${s.year})` : ''}
            {/* the app opens no outside pages (the shell denies new windows): the address is text to copy */}
            {s.url ? (
              <>
                {'. '}
                <Text span size="xs" c="dimmed" style={{ userSelect: 'text', wordBreak: 'break-all' }}>
                  {s.url}
                </Text>
              </>
            ) : null}
          </List.Item>
        ))}
      </List>
      <Text size="xs" c="dimmed">
        {t('reference.reviewed', { date: texts.reviewedOn })}
      </Text>
    </Stack>
  );
}

/** The whole reference in the UI language. */
export function ReferenceContent({ compact = false }: { compact?: boolean }) {
  const lang = useLang();
  const texts = useApiQuery('reference.texts', {});
  if (texts.isPending) return <Loader size="sm" />;
  if (texts.error) return <ErrorAlert error={texts.error} />;
  return (
    <Stack gap="md" data-testid="reference-content">
      <Helplines texts={texts.data} lang={lang} />
      <TeacherSteps texts={texts.data} lang={lang} />
      <Checklists texts={texts.data} lang={lang} open={compact ? [] : ['suicide_risk']} />
      <Sources texts={texts.data} />
    </Stack>
  );
}

export function ReferenceScreen() {
  const { t } = useTranslation();
  return (
    <Stack data-testid="reference-screen">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Text size="sm" c="dimmed">
          {t('reference.intro')}
        </Text>
        <ReferenceSheetActions />
      </Group>
      <ReferenceContent />
    </Stack>
  );
}

/** "Reference" beside a case or the concern form: the same content in a drawer, with print and save. */
export function ReferenceButton() {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button size="xs" variant="light" color="red" leftSection={<IconLifebuoy size={14} />} onClick={() => setOpened(true)} data-testid="reference-open">
        {t('reference.open')}
      </Button>
      <Drawer opened={opened} onClose={() => setOpened(false)} position="right" size="xl" title={<Title order={4}>{t('reference.title')}</Title>} data-testid="reference-drawer">
        <Stack>
          <ReferenceSheetActions />
          {opened && <ReferenceContent compact />}
        </Stack>
      </Drawer>
    </>
  );
}
