/**
 * Picks framework items to link to a plan item: choose the framework, search its items (by the decree's item
 * number or words of the measure), tick the ones the plan item carries out.
 */
import { Badge, Button, Checkbox, Group, Loader, Modal, ScrollArea, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FrameworkItem } from '../../../../shared/frameworks';
import { useApiQuery } from '../../api/hooks';
import { ErrorAlert } from '../../app/errors';
import { currentLanguage } from '../../i18n';
import { pick } from '../plans/format';

export interface PickedItem {
  id: string;
  number: string;
  frameworkCode: string;
}

export function FrameworkItemPicker({
  opened,
  initial,
  onClose,
  onDone,
}: {
  opened: boolean;
  initial: readonly PickedItem[];
  onClose: () => void;
  onDone: (picked: PickedItem[]) => void;
}) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const list = useApiQuery('frameworks.list', { includeOld: false }, { enabled: opened });
  const [frameworkId, setFrameworkId] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query, 200);
  const [picked, setPicked] = useState<PickedItem[]>([...initial]);

  // start from the caller's picks each time the dialog opens (not when the caller re-renders while it is open):
  // adjusted while rendering, when `opened` changes, instead of in an effect that renders twice
  const [wasOpened, setWasOpened] = useState(opened);
  if (opened !== wasOpened) {
    setWasOpened(opened);
    if (opened) {
      setPicked([...initial]);
      setQuery('');
    }
  }

  const fwId = frameworkId ?? list.data?.[0]?.id ?? null;
  const fw = list.data?.find((f) => f.id === fwId);
  const found = useApiQuery(
    'frameworks.searchItems',
    { frameworkId: fwId ?? '00000000-0000-4000-8000-000000000000', query: debounced.trim(), limit: 100 },
    { enabled: opened && fwId !== null },
  );

  const toggle = (item: FrameworkItem, on: boolean) => {
    setPicked((p) =>
      on
        ? [...p.filter((x) => x.id !== item.id), { id: item.id, number: item.number, frameworkCode: fw?.code ?? '' }]
        : p.filter((x) => x.id !== item.id),
    );
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('plans.picker.title')} size="xl" centered>
      <Stack data-testid="framework-picker">
        <Group grow align="flex-end">
          <Select
            label={t('plans.picker.framework')}
            value={fwId}
            onChange={setFrameworkId}
            allowDeselect={false}
            data={(list.data ?? []).map((f) => ({
              value: f.id,
              label: pick(lang, f.shortTitleKk ?? f.titleKk, f.shortTitleRu ?? f.titleRu) || f.code,
            }))}
          />
          <TextInput
            label={t('plans.picker.search')}
            placeholder={t('plans.picker.searchHint')}
            leftSection={<IconSearch size={16} />}
            value={query}
            onChange={(e) => setQuery(e.currentTarget.value)}
            data-testid="framework-picker-search"
            data-autofocus
          />
        </Group>
        {picked.length > 0 && (
          <Group gap={6}>
            <Text size="sm" c="dimmed">
              {t('plans.picker.chosen')}:
            </Text>
            {picked.map((p) => (
              <Badge key={p.id} variant="light" style={{ textTransform: 'none' }}>
                {t('plans.linkLabel', { number: p.number })}
              </Badge>
            ))}
          </Group>
        )}
        <ScrollArea.Autosize mah="50vh" type="auto">
          {found.isPending && fwId ? (
            <Loader size="sm" />
          ) : found.error ? (
            <ErrorAlert error={found.error} />
          ) : (found.data ?? []).length === 0 ? (
            <Text c="dimmed" size="sm">
              {t('common.nothingFound')}
            </Text>
          ) : (
            <Stack gap={4}>
              {(found.data ?? []).map((item) => {
                const checked = picked.some((p) => p.id === item.id);
                return (
                  <Checkbox.Card
                    key={item.id}
                    checked={checked}
                    onClick={() => toggle(item, !checked)}
                    radius="sm"
                    p="sm"
                    data-testid={`picker-item-${item.number}`}
                  >
                    <Group wrap="nowrap" align="flex-start">
                      <Checkbox.Indicator mt={2} />
                      <Text fw={700} size="sm" w={36} style={{ flexShrink: 0 }}>
                        {item.number}
                      </Text>
                      <div style={{ minWidth: 0 }}>
                        <Text size="sm" style={{ overflowWrap: 'break-word' }}>
                          {pick(lang, item.measureKk, item.measureRu)}
                        </Text>
                        {(item.deadlineKk || item.responsibleKk) && (
                          <Text size="xs" c="dimmed" mt={2}>
                            {[pick(lang, item.deadlineKk, item.deadlineRu), item.responsibleKk].filter(Boolean).join(' · ')}
                          </Text>
                        )}
                      </div>
                    </Group>
                  </Checkbox.Card>
                );
              })}
            </Stack>
          )}
        </ScrollArea.Autosize>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => onDone(picked)} data-testid="framework-picker-done">
            {t('plans.picker.done')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
