import { Checkbox, SimpleGrid } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../../../shared/roles';

export function RolesInput({
  value,
  onChange,
  error,
  label,
  disabled,
  description,
}: {
  value: Role[];
  onChange: (roles: Role[]) => void;
  error?: ReactNode;
  label?: string;
  disabled?: boolean;
  description?: string;
}) {
  const { t } = useTranslation();
  return (
    <Checkbox.Group
      label={label ?? t('accounts.roles')}
      value={value}
      onChange={(v) => onChange(ROLES.filter((r) => v.includes(r)))}
      error={error}
      description={description}
      data-testid="roles-input"
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" mt="xs">
        {ROLES.map((r) => (
          <Checkbox key={r} value={r} label={t(`roles.${r}`)} disabled={disabled} data-testid={`role-${r}`} />
        ))}
      </SimpleGrid>
    </Checkbox.Group>
  );
}
