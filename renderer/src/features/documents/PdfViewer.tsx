/** A register PDF shown in a modal (a blob: URL in a frame; nothing is written to disk). */
import { Modal } from '@mantine/core';
import { useEffect, useState } from 'react';
import { base64ToBytes } from './files';

export function PdfViewer({ title, pdfBase64, onClose }: { title: string; pdfBase64: string | null; onClose: () => void }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!pdfBase64) {
      setUrl(null);
      return;
    }
    const u = URL.createObjectURL(new Blob([base64ToBytes(pdfBase64)], { type: 'application/pdf' }));
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [pdfBase64]);
  return (
    <Modal opened={pdfBase64 !== null} onClose={onClose} title={title} size="90%" centered>
      {url && (
        <iframe
          src={url}
          title={title}
          style={{ width: '100%', height: '75vh', border: '1px solid var(--mantine-color-gray-3)' }}
          data-testid="documents-pdf-viewer"
        />
      )}
    </Modal>
  );
}
