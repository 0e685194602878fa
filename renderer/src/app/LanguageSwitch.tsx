import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../../../shared/roles';

export function LanguageSwitch({
  value,
  onChange,
  disabled,
}: {
  value: Language;
  onChange: (lang: Language) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <SegmentedControl
      data-testid="language-switch"
      size="xs"
      value={value}
      disabled={disabled}
      onChange={(v) => onChange(v === 'ru' ? 'ru' : 'kk')}
      data={LANGUAGES.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
    />
  );
}
