/**
 * Inline editing of one plan item, in place of its table row: measure and the other text columns in kk and ru,
 * the months it falls due, who is responsible (staff by role, outside bodies by abbreviation), the target group,
 * cost and funding, and the framework items it carries out.
 */
import {
  Badge,
  Button,
  Checkbox,
  Chip,
  Group,
  Input,
  MultiSelect,
  Paper,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconLink } from '@tabler/icons-react';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STAFF_ROLES, type PlanItem, type PlanItemFields } from '../../../../shared/plans';
import { useApiQuery } from '../../api/hooks';
import { limitHint } from '../../app/fieldErrors';
import { applyServerFieldError } from '../../app/forms';
import { FrameworkItemPicker, type PickedItem } from '../frameworks/FrameworkItemPicker';
import { monthName, SCHOOL_MONTHS } from './format';
import { itemFormSchema, ITEM_LIMITS, validateItem } from './forms';
import { FormActions } from '../../app/FormActions';

const GRADES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];

export function fieldsOf(item: PlanItem): PlanItemFields {
  return {
    measureKk: item.measureKk,
    measureRu: item.measureRu,
    completionFormKk: item.completionFormKk,
    completionFormRu: item.completionFormRu,
    deadlineKk: item.deadlineKk,
    deadlineRu: item.deadlineRu,
    dueMonths: item.dueMonths,
    dueDates: item.dueDates,
    responsibleRoles: item.responsibleRoles,
    responsibleBodies: item.responsibleBodies,
    targetGroup: item.targetGroup,
    costKk: item.costKk,
    costRu: item.costRu,
    fundingKk: item.fundingKk,
    fundingRu: item.fundingRu,
    frameworkItemIds: item.frameworkLinks.map((l) => l.frameworkItemId),
  };
}

type TextField = 'measureKk' | 'measureRu' | 'completionFormKk' | 'completionFormRu' | 'deadlineKk' | 'deadlineRu' | 'costKk' | 'costRu' | 'fundingKk' | 'fundingRu';

export function ItemEditForm({
  item,
  saving,
  onSave,
  onCancel,
}: {
  item: PlanItem;
  saving: boolean;
  /**
   * Saves the parsed fields; `fieldError` puts a refusal of the core that names a field on that field and says
   * whether it did (else the caller shows the refusal as a whole).
   */
  onSave: (fields: PlanItemFields, fieldError: (error: unknown) => boolean) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const form = useForm<PlanItemFields>({ mode: 'controlled', initialValues: fieldsOf(item), validate: validateItem(t) });
  const f = form.getValues();
  const [links, setLinks] = useState<PickedItem[]>(() =>
    item.frameworkLinks.map((l) => ({ id: l.frameworkItemId, number: l.number, frameworkCode: l.frameworkCode })),
  );
  const [picking, setPicking] = useState(false);
  const frameworks = useApiQuery('frameworks.list', { includeOld: false });
  const firstFw = frameworks.data?.[0]?.id;
  const fw = useApiQuery('frameworks.get', { id: firstFw ?? '00000000-0000-4000-8000-000000000000' }, { enabled: Boolean(firstFw) });
  const bodySuggestions = (fw.data?.abbreviations ?? []).map((a) => a.abbr);

  const text = (k: TextField, description?: string) => ({
    ...form.getInputProps(k),
    name: k,
    description: limitHint(t, f[k], ITEM_LIMITS[k]) ?? description,
    'data-testid': `item-${k}`,
  });

  /** The first error on a list field or any of its entries (`responsibleBodies.3`). */
  const errorUnder = (k: keyof PlanItemFields) =>
    Object.entries(form.errors).find(([path]) => path === k || path.startsWith(`${k}.`))?.[1] ?? undefined;

  const save = form.onSubmit((values) =>
    onSave(itemFormSchema.parse(values), (e) => applyServerFieldError(t, form, e)),
  );

  return (
    <Paper withBorder radius="sm" p="md" m={4} bg="var(--mantine-color-qorgan-0)" data-testid="item-edit-form">
      <form onSubmit={save} noValidate>
      <Stack gap="sm">
        <Text fw={700} size="sm">
          {t('plans.editor.editingItem', { n: item.number })}
        </Text>
        <SimpleGrid cols={2} spacing="sm">
          <Textarea label={t('plans.fields.measureKk')} autosize minRows={2} maxRows={8} {...text('measureKk')} />
          <Textarea label={t('plans.fields.measureRu')} autosize minRows={2} maxRows={8} {...text('measureRu')} />
          <TextInput label={t('plans.fields.completionFormKk')} {...text('completionFormKk')} />
          <TextInput label={t('plans.fields.completionFormRu')} {...text('completionFormRu')} />
          <TextInput label={t('plans.fields.deadlineKk')} {...text('deadlineKk', t('plans.fields.deadlineHint'))} />
          <TextInput label={t('plans.fields.deadlineRu')} {...text('deadlineRu', t('plans.fields.deadlineHintRu'))} />
        </SimpleGrid>
        <Input.Wrapper label={t('plans.fields.dueMonths')} description={t('plans.fields.dueMonthsHint')} error={errorUnder('dueMonths')}>
          <Chip.Group multiple value={f.dueMonths.map(String)} onChange={(v) => form.setFieldValue('dueMonths', v.map(Number).sort((a, b) => a - b))}>
            <Group gap={6} mt={6}>
              {SCHOOL_MONTHS.map((m) => (
                <Chip key={m} value={String(m)} size="xs" variant="outline">
                  {monthName(t, m)}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
        </Input.Wrapper>
        <SimpleGrid cols={2} spacing="sm">
          <MultiSelect
            label={t('plans.fields.responsibleRoles')}
            data={STAFF_ROLES.map((r) => ({ value: r, label: t(`plans.staff.${r}`) }))}
            value={f.responsibleRoles}
            onChange={(v) => form.setFieldValue('responsibleRoles', v)}
            error={errorUnder('responsibleRoles')}
            searchable
            nothingFoundMessage={t('common.nothingFound')}
            data-testid="item-roles"
          />
          <TagsInput
            label={t('plans.fields.responsibleBodies')}
            description={t('plans.fields.responsibleBodiesHint')}
            data={bodySuggestions}
            value={f.responsibleBodies}
            onChange={(v) => form.setFieldValue('responsibleBodies', v.slice(0, 30))}
            error={errorUnder('responsibleBodies')}
            data-testid="item-bodies"
          />
        </SimpleGrid>
        <Input.Wrapper label={t('plans.fields.targetGroup')} error={errorUnder('targetGroup')}>
          <Group gap="lg" mt={6} align="center">
            <Chip.Group
              multiple
              value={f.targetGroup.grades.map(String)}
              onChange={(v) => form.setFieldValue('targetGroup', { ...f.targetGroup, grades: v.map(Number).sort((a, b) => a - b) })}
            >
              <Group gap={4}>
                <Text size="sm" c="dimmed">
                  {t('plans.target.grades')}:
                </Text>
                {GRADES.map((g) => (
                  <Chip key={g} value={String(g)} size="xs" variant="outline">
                    {g === 0 ? t('plans.target.preschool') : String(g)}
                  </Chip>
                ))}
              </Group>
            </Chip.Group>
            <Checkbox
              label={t('plans.target.parents')}
              checked={f.targetGroup.parents}
              onChange={(e) => form.setFieldValue('targetGroup', { ...f.targetGroup, parents: e.currentTarget.checked })}
            />
            <Checkbox
              label={t('plans.target.teachers')}
              checked={f.targetGroup.teachers}
              onChange={(e) => form.setFieldValue('targetGroup', { ...f.targetGroup, teachers: e.currentTarget.checked })}
            />
          </Group>
        </Input.Wrapper>
        <SimpleGrid cols={{ base: 2, lg: 4 }} spacing="sm">
          <TextInput label={t('plans.fields.costKk')} {...text('costKk')} />
          <TextInput label={t('plans.fields.costRu')} {...text('costRu')} />
          <TextInput label={t('plans.fields.fundingKk')} {...text('fundingKk')} />
          <TextInput label={t('plans.fields.fundingRu')} {...text('fundingRu')} />
        </SimpleGrid>
        <Input.Wrapper label={t('plans.fields.links')} error={errorUnder('frameworkItemIds')}>
          <Group gap={6} mt={6}>
            {links.length === 0 && (
              <Text size="sm" c="dimmed">
                {t('plans.editor.noLinks')}
              </Text>
            )}
            {links.map((l) => (
              <Badge key={l.id} variant="light" style={{ textTransform: 'none' }} data-testid={`item-link-${l.number}`}>
                {t('plans.linkLabel', { number: l.number })}
              </Badge>
            ))}
            <Button
              size="xs"
              variant="light"
              leftSection={<IconLink size={14} />}
              onClick={() => setPicking(true)}
              data-testid="item-link-open"
            >
              {t('plans.editor.linkFramework')}
            </Button>
          </Group>
        </Input.Wrapper>
        <FormActions submitLabel={t('common.save')} onCancel={onCancel} loading={saving} submitTestId="item-save" />
      </Stack>
      </form>
      <FrameworkItemPicker
        opened={picking}
        initial={links}
        onClose={() => setPicking(false)}
        onDone={(p) => {
          setLinks(p);
          form.setFieldValue('frameworkItemIds', p.map((l) => l.id));
          setPicking(false);
        }}
      />
    </Paper>
  );
}
