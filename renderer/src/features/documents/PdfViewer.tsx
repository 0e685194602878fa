/**
 * Shows PDF bytes in the app's own viewer window (the shell's, through `documents.view`): the renderer's CSP
 * allows no frames, and Electron's PDF viewer does not run inside the app's in-memory session. Renders nothing;
 * as soon as `pdfBase64` is set it asks the core to show it, then calls `onClose`.
 */
import { notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api/client';
import { errorText } from '../../app/errors';

export function PdfViewer({ title, pdfBase64, onClose }: { title: string; pdfBase64: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  useEffect(() => {
    if (!pdfBase64) return;
    let cancelled = false;
    invoke('documents.view', { title, pdfBase64 })
      .catch((e: unknown) => {
        if (!cancelled) notifications.show({ color: 'red', message: errorText(t, e) });
      })
      .finally(() => {
        if (!cancelled) onClose();
      });
    return () => {
      cancelled = true;
    };
  }, [pdfBase64]); // once per PDF
  return null;
}
