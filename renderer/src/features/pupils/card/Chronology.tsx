/**
 * A pupil's chronology on the card: newest first (when it happened; a backdated entry sits where it belongs and
 * says when it was written), who wrote each entry and when, filterable by kind. The core decides what each reader
 * sees: a summary the session cannot decrypt comes back null ("hidden"), a confidential entry read without the
 * confidential key shows as "confidential note", and a class teacher gets only the non-welfare kinds.
 */
import { Badge, Chip, Group, Pagination, Stack, Text, Timeline } from '@mantine/core';
import { IconLock, IconNotes } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHRONOLOGY_PAGE_SIZE, type ChronologyEntry, type ChronologyKind } from '../../../../../shared/chronology';
import { useApiQuery } from '../../../api/hooks';
import { QueryPanel } from '../../../app/QueryPanel';
import { usePupilNames, type NamedPupil } from '../../../app/hideNames';

/** "12.10.2026" or "12.10.2026 14:05" — a date-only entry has no time to show. */
export function when(iso: string): string {
  return iso.length > 10 ? dayjs(iso).format('L LT') : dayjs(iso).format('L');
}

/** Written on a later day than it happened: the card says so. */
export function isBackdated(e: Pick<ChronologyEntry, 'occurredAt' | 'writtenAt'>): boolean {
  return dayjs(e.writtenAt).format('YYYY-MM-DD') > dayjs(e.occurredAt).format('YYYY-MM-DD');
}

function EntryText({ entry, pupil }: { entry: ChronologyEntry; pupil: NamedPupil }) {
  const { t } = useTranslation();
  const names = usePupilNames();
  if (entry.summary !== null) {
    return (
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="chronology-summary">
        {names.text(entry.summary, pupil)}
      </Text>
    );
  }
  return (
    <Text size="sm" c="dimmed" fs="italic" data-testid="chronology-summary">
      {entry.confidential ? t('chronology.confidentialNote') : t('chronology.hidden')}
    </Text>
  );
}

export function PupilChronology({ pupil }: { pupil: NamedPupil }) {
  const { t } = useTranslation();
  const [kinds, setKinds] = useState<ChronologyKind[]>([]);
  const [page, setPage] = useState(1);
  // a view of the child's record: the core audits each call
  const list = useApiQuery('chronology.list', { pupilId: pupil.id, page: page - 1, pageSize: CHRONOLOGY_PAGE_SIZE, ...(kinds.length ? { kinds } : {}) });
  const pages = Math.max(1, Math.ceil((list.data?.total ?? 0) / CHRONOLOGY_PAGE_SIZE));

  return (
    <Stack gap="sm">
      {list.data && list.data.kinds.length > 1 && (
        <Chip.Group
          multiple
          value={kinds}
          onChange={(v) => {
            setKinds(v);
            setPage(1);
          }}
        >
          <Group gap={6} data-testid="chronology-filter">
            {list.data.kinds.map((k) => (
              <Chip key={k.kind} value={k.kind} size="xs" wrapperProps={{ 'data-testid': `chronology-kind-${k.kind}` }}>
                {t(`chronology.kinds.${k.kind}`)} · {k.count}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
      )}
      <QueryPanel query={list}>
        {(data) =>
          data.items.length === 0 ? (
            <Text p="lg" c="dimmed" data-testid="chronology-empty">
              {data.kinds.length === 0 ? t('chronology.none') : t('chronology.noneOfKind')}
            </Text>
          ) : (
            <Timeline bulletSize={22} lineWidth={2} p="md" data-testid="chronology" active={-1}>
              {data.items.map((e) => (
                <Timeline.Item
                  key={e.id}
                  bullet={e.confidential ? <IconLock size={12} /> : <IconNotes size={12} />}
                  title={
                    <Group gap="xs" wrap="wrap">
                      <Text size="sm" fw={600} data-testid="chronology-kind">
                        {t(`chronology.kinds.${e.kind}`)}
                      </Text>
                      <Text size="sm" c="dimmed" data-testid="chronology-date">
                        {when(e.occurredAt)}
                      </Text>
                      {e.confidential && (
                        <Badge size="xs" color="grape" variant="light" style={{ textTransform: 'none' }}>
                          {t('chronology.confidential')}
                        </Badge>
                      )}
                      {isBackdated(e) && (
                        <Badge size="xs" color="gray" variant="light" style={{ textTransform: 'none' }} data-testid="chronology-backdated">
                          {t('chronology.backdated')}
                        </Badge>
                      )}
                    </Group>
                  }
                  data-testid="chronology-entry"
                >
                  <EntryText entry={e} pupil={pupil} />
                  <Text size="xs" c="dimmed" mt={2}>
                    {t('chronology.written', { who: e.writtenBy ?? t('chronology.system'), when: when(e.writtenAt) })}
                  </Text>
                </Timeline.Item>
              ))}
            </Timeline>
          )
        }
      </QueryPanel>
      {pages > 1 && (
        <Group justify="flex-end">
          <Pagination total={pages} value={page} onChange={setPage} size="sm" />
        </Group>
      )}
    </Stack>
  );
}
