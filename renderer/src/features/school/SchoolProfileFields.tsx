import { SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { schoolProfileSchema, type SchoolProfile } from '../../../../shared/school';

export const emptySchoolProfile: SchoolProfile = {
  nameKk: '',
  nameRu: '',
  number: '',
  namedAfterKk: '',
  namedAfterRu: '',
  addressKk: '',
  addressRu: '',
  districtDepartmentKk: '',
  districtDepartmentRu: '',
  directorName: '',
  directorPositionKk: '',
  directorPositionRu: '',
};

export type SchoolErrors = Partial<Record<keyof SchoolProfile, string>>;

/** Drops the message of a field the user has just edited. */
export function withoutError(errors: SchoolErrors, key: keyof SchoolProfile): SchoolErrors {
  if (!errors[key]) return errors;
  const next = { ...errors };
  delete next[key];
  return next;
}

/** Checks the profile with the contract's own schema; messages are translated. */
export function validateSchool(t: TFunction, value: SchoolProfile): { ok: true; value: SchoolProfile } | { ok: false; errors: SchoolErrors } {
  const r = schoolProfileSchema.safeParse(value);
  if (r.success) return { ok: true, value: r.data };
  const errors: SchoolErrors = {};
  for (const issue of r.error.issues) {
    const field = issue.path[0];
    if (typeof field !== 'string' || !(field in emptySchoolProfile)) continue;
    const key = field as keyof SchoolProfile;
    if (errors[key]) continue;
    errors[key] = issue.code === 'too_big' ? t('validation.tooLong') : t('validation.required');
  }
  return { ok: false, errors };
}

const PAIRS: { label: string; kk: keyof SchoolProfile; ru: keyof SchoolProfile; required: boolean; long?: boolean }[] = [
  { label: 'school.name', kk: 'nameKk', ru: 'nameRu', required: true, long: true },
  { label: 'school.namedAfter', kk: 'namedAfterKk', ru: 'namedAfterRu', required: false },
  { label: 'school.address', kk: 'addressKk', ru: 'addressRu', required: false },
  { label: 'school.districtDepartment', kk: 'districtDepartmentKk', ru: 'districtDepartmentRu', required: false, long: true },
  { label: 'school.directorPosition', kk: 'directorPositionKk', ru: 'directorPositionRu', required: true },
];

export function SchoolProfileFields({
  value,
  onChange,
  errors,
  readOnly,
}: {
  value: SchoolProfile;
  onChange: (v: SchoolProfile, changed: keyof SchoolProfile) => void;
  errors: SchoolErrors;
  readOnly?: boolean;
}) {
  const { t } = useTranslation();
  const set = (key: keyof SchoolProfile) => (e: { currentTarget: { value: string } }) =>
    onChange({ ...value, [key]: e.currentTarget.value }, key);

  // the usual wording of the approval line, with this school's number
  const n = value.number.trim() || '96';
  const placeholders: Partial<Record<keyof SchoolProfile, string>> = {
    directorPositionKk: t('school.directorPositionExampleKk', { n }),
    directorPositionRu: t('school.directorPositionExampleRu', { n }),
  };

  const field = (key: keyof SchoolProfile, label: string, required: boolean, long?: boolean, description?: string) => {
    const common = {
      label,
      description,
      name: key,
      value: value[key],
      onChange: set(key),
      error: errors[key],
      required,
      readOnly,
      placeholder: placeholders[key],
      'data-testid': `school-${key}`,
    };
    return long ? <Textarea key={key} autosize minRows={2} {...common} /> : <TextInput key={key} {...common} />;
  };

  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        {field('number', t('school.number'), true, false, t('school.numberHint'))}
        {field('directorName', t('school.directorName'), true)}
      </SimpleGrid>
      {PAIRS.map((p) => (
        <Stack key={p.kk} gap={4}>
          <Text fw={600} size="sm">
            {t(p.label)}
          </Text>
          {p.kk === 'directorPositionKk' && (
            <Text size="xs" c="dimmed">
              {t('school.directorPositionHint')}
            </Text>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            {field(p.kk, t('school.inKazakh'), p.required, p.long)}
            {field(p.ru, t('school.inRussian'), p.required, p.long)}
          </SimpleGrid>
        </Stack>
      ))}
    </Stack>
  );
}
