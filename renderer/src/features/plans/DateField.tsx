/** A date picker in the UI language, value as 'YYYY-MM-DD' (the native date input follows the OS locale). */
import { DatePickerInput } from '@mantine/dates';

export function DateField({
  label,
  value,
  onChange,
  name,
  clearable = false,
}: {
  label: string;
  value: string | null;
  onChange: (v: string | null) => void;
  name?: string;
  clearable?: boolean;
}) {
  return (
    <DatePickerInput
      label={label}
      value={value}
      onChange={(v) => onChange(v ? String(v).slice(0, 10) : null)}
      valueFormat="DD.MM.YYYY"
      clearable={clearable}
      name={name}
      data-testid={name ? `date-${name}` : undefined}
    />
  );
}
