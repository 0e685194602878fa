/** A date picker in the UI language, value as 'YYYY-MM-DD' (the native date input follows the OS locale). */
import { DatePickerInput } from '@mantine/dates';

export function DateField({
  label,
  value,
  onChange,
  name,
  clearable = false,
  minDate,
  maxDate,
  error,
}: {
  label: string;
  value: string | null;
  onChange: (v: string | null) => void;
  name?: string;
  clearable?: boolean;
  /** 'YYYY-MM-DD': the picker offers only days in [minDate, maxDate] (e.g. the quarter) */
  minDate?: string | undefined;
  maxDate?: string | undefined;
  error?: string | undefined;
}) {
  return (
    <DatePickerInput
      label={label}
      value={value}
      onChange={(v) => onChange(v ? String(v).slice(0, 10) : null)}
      valueFormat="DD.MM.YYYY"
      clearable={clearable}
      name={name}
      {...(minDate ? { minDate } : {})}
      {...(maxDate ? { maxDate } : {})}
      error={error}
      data-testid={name ? `date-${name}` : undefined}
    />
  );
}
