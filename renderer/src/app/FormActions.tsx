/**
 * The end of a form in a dialog or panel: "Cancel" and the submit button, right-aligned. One piece so that every
 * form closes the same way (the submit is `type="submit"`: Enter in a field sends the form through its checks).
 */
import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function FormActions({
  submitLabel,
  onCancel,
  loading,
  disabled,
  submitTestId,
}: {
  submitLabel: string;
  onCancel: () => void;
  loading?: boolean;
  /** only where sending makes no sense yet (nothing changed, nothing to sign with); a field's problem is said on submit */
  disabled?: boolean;
  submitTestId?: string;
}) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        {t('common.cancel')}
      </Button>
      <Button type="submit" loading={loading} disabled={disabled} data-testid={submitTestId}>
        {submitLabel}
      </Button>
    </Group>
  );
}
