import { Alert, Button, Stack } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { Component, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

function Fallback({ onRetry }: { onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack maw={560}>
      <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} data-testid="screen-failed">
        {t('errors.internal')}
      </Alert>
      <Button variant="default" onClick={onRetry} style={{ alignSelf: 'flex-start' }}>
        {t('common.retry')}
      </Button>
    </Stack>
  );
}

/**
 * A screen that throws while rendering shows a translated message instead of blanking the whole window; the
 * navigation and the lock button stay usable. Nothing about the failure (which may hold record text) is shown.
 */
export class ScreenBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render() {
    if (this.state.failed) return <Fallback onRetry={() => this.setState({ failed: false })} />;
    return this.props.children;
  }
}
