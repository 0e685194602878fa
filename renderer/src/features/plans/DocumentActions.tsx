/** Save a copy (where the user chooses), open and print an issued document of the register. */
import { Button, Group } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy, IconEye, IconPrinter } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api/client';
import { useApiMutation } from '../../api/hooks';
import { errorText } from '../../app/errors';
import { PdfPreview } from './PdfPreview';

export function DocumentActions({ documentId, title, testId }: { documentId: string; title: string; testId?: string }) {
  const { t } = useTranslation();
  const [preview, setPreview] = useState<string | null>(null);
  const [opening, setOpening] = useState(false);
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
  const open = async () => {
    setOpening(true);
    try {
      const r = await invoke('documents.pdf', { id: documentId });
      setPreview(r.base64);
    } catch (e) {
      onError(e);
    } finally {
      setOpening(false);
    }
  };
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
      <Button size="xs" variant="light" leftSection={<IconEye size={16} />} loading={opening} onClick={() => void open()}>
        {t('plans.docs.open')}
      </Button>
      <Button size="xs" variant="light" leftSection={<IconPrinter size={16} />} loading={print.isPending} onClick={() => print.mutate({ id: documentId })}>
        {t('plans.docs.print')}
      </Button>
      <PdfPreview title={title} pdfBase64={preview} onClose={() => setPreview(null)} />
    </Group>
  );
}
