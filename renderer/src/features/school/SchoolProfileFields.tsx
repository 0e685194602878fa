import { SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { schoolProfileSchema, type SchoolProfile } from '../../../../shared/school';
import { limitHint } from '../../app/fieldErrors';
import { zodFormResolver } from '../../app/forms';

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

/** The school form's check: the contract's own schema (`school.update`, the wizard's `auth.setup`), translated. */
export const validateSchoolProfile = (t: TFunction) => zodFormResolver<SchoolProfile>(schoolProfileSchema, t);

/** A form of the school profile (the wizard's step, the school screen). */
export function useSchoolForm(initialValues: SchoolProfile) {
  const { t } = useTranslation();
  return useForm<SchoolProfile>({ mode: 'controlled', initialValues, validate: validateSchoolProfile(t) });
}

/** Each field's length limit, read from the schema (the counter shows as a text nears it). */
const SCHOOL_LIMITS = Object.fromEntries(
  Object.entries(schoolProfileSchema.shape).map(([k, v]) => [k, v.maxLength ?? Number.POSITIVE_INFINITY]),
) as Record<keyof SchoolProfile, number>;

const PAIRS: { label: string; kk: keyof SchoolProfile; ru: keyof SchoolProfile; required: boolean; long?: boolean }[] = [
  { label: 'school.name', kk: 'nameKk', ru: 'nameRu', required: true, long: true },
  { label: 'school.namedAfter', kk: 'namedAfterKk', ru: 'namedAfterRu', required: false },
  { label: 'school.address', kk: 'addressKk', ru: 'addressRu', required: false },
  { label: 'school.districtDepartment', kk: 'districtDepartmentKk', ru: 'districtDepartmentRu', required: false, long: true },
  { label: 'school.directorPosition', kk: 'directorPositionKk', ru: 'directorPositionRu', required: true },
];

export function SchoolProfileFields({
  form,
  readOnly,
}: {
  form: UseFormReturnType<SchoolProfile>;
  readOnly?: boolean;
}) {
  const { t } = useTranslation();
  const value = form.getValues();

  // the usual wording of the approval line, with this school's number
  const n = value.number.trim() || '96';
  const placeholders: Partial<Record<keyof SchoolProfile, string>> = {
    directorPositionKk: t('school.directorPositionExampleKk', { n }),
    directorPositionRu: t('school.directorPositionExampleRu', { n }),
  };

  const field = (key: keyof SchoolProfile, label: string, required: boolean, long?: boolean, description?: string) => {
    const common = {
      label,
      name: key,
      ...form.getInputProps(key),
      required,
      readOnly,
      description: limitHint(t, value[key], SCHOOL_LIMITS[key]) ?? description,
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
