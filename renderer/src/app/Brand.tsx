import { Group, Text, ThemeIcon } from '@mantine/core';
import { IconShieldHalfFilled } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

export function Brand({ size = 'md' }: { size?: 'md' | 'lg' }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="nowrap">
      <ThemeIcon size={size === 'lg' ? 44 : 32} radius="md" variant="filled">
        <IconShieldHalfFilled size={size === 'lg' ? 26 : 20} />
      </ThemeIcon>
      <div>
        <Text fw={700} size={size === 'lg' ? 'xl' : 'lg'} lh={1.1}>
          {t('app.name')}
        </Text>
        <Text size="xs" c="dimmed" lh={1.2}>
          {t('app.tagline')}
        </Text>
      </div>
    </Group>
  );
}
