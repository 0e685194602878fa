/**
 * The "?" button in the header (issue 15 item 8): opens the current screen's help in a drawer — what the screen is
 * for, who may do what, where its data goes — and the printable first-day guides. A real button named for screen
 * readers, also opened with F1; Esc or the named close button closes it and the focus returns to the button.
 */
import { ActionIcon, Drawer, List, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { IconHelp } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n';
import { FirstDayGuides } from './FirstDayGuide';
import { helpWords, screenHelp } from './texts';

export function HelpButton({ path, screenTitle }: { path: string; screenTitle: string }) {
  useTranslation(); // re-render when the language changes
  const lang = currentLanguage();
  const w = helpWords(lang);
  const help = screenHelp(path, lang);
  const [opened, { open, close }] = useDisclosure(false);
  useHotkeys([['F1', open]]);
  return (
    <>
      <Tooltip label={`${w.open} (F1)`}>
        <ActionIcon variant="light" size={36} onClick={open} aria-label={w.open} aria-haspopup="dialog" aria-expanded={opened} data-testid="help-button">
          <IconHelp size={20} aria-hidden />
        </ActionIcon>
      </Tooltip>
      <Drawer
        opened={opened}
        onClose={close}
        position="right"
        size="md"
        // Mantine renders the drawer's title as the dialog's h2 (and names the dialog by it)
        title={w.title.replace('{{screen}}', screenTitle)}
        closeButtonProps={{ 'aria-label': w.close }}
        data-testid="help-drawer"
      >
        <Stack gap="md">
          {help && (
            <>
              <section>
                <Title order={3} size="h5" mb={4}>
                  {w.what}
                </Title>
                <Text size="sm">{help.what}</Text>
              </section>
              <section>
                <Title order={3} size="h5" mb={4}>
                  {w.who}
                </Title>
                <List size="sm" spacing={4}>
                  {help.who.map((s) => (
                    <List.Item key={s}>{s}</List.Item>
                  ))}
                </List>
              </section>
              <section>
                <Title order={3} size="h5" mb={4}>
                  {w.data}
                </Title>
                <List size="sm" spacing={4}>
                  {help.data.map((s) => (
                    <List.Item key={s}>{s}</List.Item>
                  ))}
                </List>
              </section>
            </>
          )}
          <FirstDayGuides />
        </Stack>
      </Drawer>
    </>
  );
}
