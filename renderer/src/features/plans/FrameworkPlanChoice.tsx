/**
 * "New plan → from a framework": which of the framework's items the plan takes, verbatim. All of them, or those of
 * chosen sections, of chosen responsible bodies, or those carried out locally (ЖАО — the local executive bodies the
 * school answers to — among the responsible); single items can be left out. The plan keeps the framework's section
 * headings and item numbers.
 */
import { Badge, Checkbox, Group, MultiSelect, ScrollArea, Stack, Text } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Framework, FrameworkItem } from '../../../../shared/frameworks';
import { useApiQuery } from '../../api/hooks';
import { currentLanguage } from '../../i18n';

export interface FrameworkChoice {
  frameworkId: string;
  /** the chosen item numbers (all of them when nothing is filtered out) */
  numbers: string[];
  withTemplate: boolean;
}

const bodiesOf = (i: FrameworkItem) => (i.responsibleKk ?? '').split(/,\s*/).map((b) => b.trim()).filter((b) => b !== '');
const LOCAL_BODY = 'ЖАО';

function sectionLabel(f: Framework, code: string, lang: 'kk' | 'ru'): string {
  const s = f.sections.find((x) => x.code === code);
  const title = (lang === 'ru' ? (s?.titleRu ?? s?.titleKk) : (s?.titleKk ?? s?.titleRu)) ?? '';
  return `${code}. ${title}`.trim();
}

export function FrameworkPlanChoice({ onChange }: { onChange: (choice: FrameworkChoice | null) => void }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const fw = useApiQuery('frameworks.get', { code: 'decree-748' });
  const [sections, setSections] = useState<string[]>([]);
  const [bodies, setBodies] = useState<string[]>([]);
  const [localOnly, setLocalOnly] = useState(false);
  const [excluded, setExcluded] = useState<Set<string>>(new Set());
  const [withTemplate, setWithTemplate] = useState(false);

  const f = fw.data;
  const allBodies = useMemo(() => [...new Set((f?.items ?? []).flatMap(bodiesOf))].sort((a, b) => a.localeCompare(b, 'kk')), [f]);
  const matching = useMemo(
    () =>
      (f?.items ?? []).filter((i) => {
        const own = bodiesOf(i);
        if (sections.length > 0 && !sections.some((s) => i.section === s || i.section.startsWith(`${s}.`))) return false;
        if (bodies.length > 0 && !bodies.some((b) => own.includes(b))) return false;
        if (localOnly && !own.includes(LOCAL_BODY)) return false;
        return true;
      }),
    [f, sections, bodies, localOnly],
  );
  const chosen = matching.filter((i) => !excluded.has(i.number));

  // the choice, told to the parent whenever it changes (the key stands for the chosen numbers)
  const key = chosen.map((i) => i.number).join(',');
  const frameworkId = f?.id ?? null;
  useEffect(() => {
    onChange(frameworkId && key !== '' ? { frameworkId, numbers: key.split(','), withTemplate } : null);
  }, [frameworkId, key, withTemplate, onChange]);

  if (!f) return <Text size="sm" c="dimmed">{fw.isError ? t('errors.internal') : '…'}</Text>;
  const topSections = f.sections.filter((s) => s.parent === null || f.sections.some((p) => p.code === s.parent));
  return (
    <Stack gap="xs" data-testid="plan-framework-picker">
      <Text size="sm" fw={600}>
        {(lang === 'ru' ? f.shortTitleRu : f.shortTitleKk) ?? f.code}
      </Text>
      <MultiSelect
        label={t('plans.fromFramework.sections')}
        placeholder={t('plans.fromFramework.any')}
        data={topSections.map((s) => ({ value: s.code, label: sectionLabel(f, s.code, lang) }))}
        value={sections}
        onChange={setSections}
        clearable
        data-testid="plan-framework-sections"
      />
      <MultiSelect
        label={t('plans.fromFramework.bodies')}
        placeholder={t('plans.fromFramework.any')}
        data={allBodies}
        value={bodies}
        onChange={setBodies}
        searchable
        clearable
        data-testid="plan-framework-bodies"
      />
      <Checkbox
        label={t('plans.fromFramework.localOnly')}
        description={t('plans.fromFramework.localHint')}
        checked={localOnly}
        onChange={(e) => setLocalOnly(e.currentTarget.checked)}
        data-testid="plan-framework-local"
      />
      <Group justify="space-between">
        <Text size="sm">{t('plans.fromFramework.selected', { n: chosen.length, of: f.items.length })}</Text>
        <Badge variant="light">{chosen.length}</Badge>
      </Group>
      <ScrollArea.Autosize mah={220} type="auto" offsetScrollbars>
        <Stack gap={4}>
          {matching.map((i) => (
            <Checkbox
              key={i.number}
              size="xs"
              checked={!excluded.has(i.number)}
              onChange={(e) => {
                const next = new Set(excluded);
                if (e.currentTarget.checked) next.delete(i.number);
                else next.add(i.number);
                setExcluded(next);
              }}
              label={`${i.number}. ${(lang === 'ru' ? (i.measureRu ?? i.measureKk) : (i.measureKk ?? i.measureRu)) ?? ''}`}
              data-testid={`plan-framework-item-${i.number}`}
            />
          ))}
        </Stack>
      </ScrollArea.Autosize>
      <Checkbox
        label={t('plans.fromFramework.withTemplate')}
        description={t('plans.fromFramework.withTemplateHint')}
        checked={withTemplate}
        onChange={(e) => setWithTemplate(e.currentTarget.checked)}
        data-testid="plan-framework-with-template"
      />
    </Stack>
  );
}
