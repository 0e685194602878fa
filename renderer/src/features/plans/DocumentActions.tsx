/** Save a copy (where the user chooses), open (the app's PDF viewer window) and print an issued document of the register. */
import { Button, Group } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy, IconEye, IconPrinter } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../../api/hooks';
import { errorText } from '../../app/errors';

export function DocumentActions({ documentId, testId }: { documentId: string; testId?: string }) {
  const { t } = useTranslation();
  const onError = (e: unknown) => notifications.show({ color: 'red', message: errorText(t, e) });
  const save = useApiMutation('documents.saveCopy', {
    onSuccess: (r) => {
      if (r.saved) notifications.show({ color: 'green', message: t('plans.docs.savedCopy') });
    },
    onError,
  });
  const print = useApiMutation('documents.print', {
    onSuccess: () => notifications.show({ color: 'green', message: t('plans.docs.sentToPrinter') }),
    onError,
  });
  const open = useApiMutation('documents.open', { onError });
  return (
    <Group gap="xs">
      <Button
        size="xs"
        leftSection={<IconDeviceFloppy size={16} />}
        loading={save.isPending}
        onClick={() => save.mutate({ id: documentId })}
        data-testid={testId ? `${testId}-save` : undefined}
      >
        {t('plans.docs.savePdf')}
      </Button>
      <Button
        size="xs"
        variant="light"
        leftSection={<IconEye size={16} />}
        loading={open.isPending}
        onClick={() => open.mutate({ id: documentId })}
        data-testid={testId ? `${testId}-open` : undefined}
      >
        {t('plans.docs.open')}
      </Button>
      <Button
        size="xs"
        variant="light"
        leftSection={<IconPrinter size={16} />}
        loading={print.isPending}
        onClick={() => print.mutate({ id: documentId })}
        data-testid={testId ? `${testId}-print` : undefined}
      >
        {t('plans.docs.print')}
      </Button>
    </Group>
  );
}
