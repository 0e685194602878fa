/**
 * The pupil card (`#/pupil?id=…`): one screen per pupil — the profile (pupils.get, an audited view; editing for
 * the `pupilsEdit` capability), the sections other features register in PUPIL_CARD_SECTIONS (guardians, register, cases, …), and
 * the chronology of everything about the child, last, through the same slot. An archived pupil is read-only: no
 * edit, and each section gets `archived` to do the same. Names follow the "hide names" switch.
 */
import { Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconPencil } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Pupil } from '../../../../../shared/pupils';
import { ApiError } from '../../../api/client';
import { useApiQuery } from '../../../api/hooks';
import { ErrorAlert } from '../../../app/errors';
import { usePupilNames } from '../../../app/hideNames';
import { QueryPanel } from '../../../app/QueryPanel';
import { getRouteApi } from '@tanstack/react-router';
import { AnchorLink } from '../../../app/links';
import { PupilModal } from '../PupilsScreen';
import { PupilChronology } from './Chronology';
import { PUPIL_CARD_SECTIONS, type PupilCardSection } from './sections';
import { visibleSections } from './visible';
import { useCan, useCapabilities } from '../../../app/capabilities';

const pupilRoute = getRouteApi('/pupil');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function ChronologySection({ pupilId }: { pupilId: string; archived: boolean }) {
  // the profile query is cached: the card asked for it already
  const pupil = useApiQuery('pupils.get', { id: pupilId });
  return pupil.data ? <PupilChronology pupil={pupil.data} /> : null;
}

const CHRONOLOGY_SECTION: PupilCardSection = { id: 'chronology', labelKey: 'chronology.title', capability: 'chronologyRead', component: ChronologySection };

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  );
}

function Profile({ pupil, onEdit }: { pupil: Pupil; onEdit: (() => void) | null }) {
  const { t } = useTranslation();
  const names = usePupilNames();
  return (
    <Paper withBorder radius="md" p="lg">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={3} data-testid="pupil-card-name">
              {names.name(pupil)}
            </Title>
            {pupil.archived && (
              <Badge color="gray" style={{ textTransform: 'none' }} data-testid="pupil-card-archived">
                {t('pupilCard.archived')}
              </Badge>
            )}
            {pupil.onRegister && (
              <Badge color="orange" style={{ textTransform: 'none' }}>
                {t('pupils.onRegister')}
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed">
            {t('pupilCard.classLine', { grade: pupil.grade === 0 ? t('pupils.preschool') : pupil.grade, letter: pupil.classLetter })}
          </Text>
        </Stack>
        {onEdit && (
          <Button variant="light" leftSection={<IconPencil size={16} />} onClick={onEdit} data-testid="pupil-card-edit">
            {t('pupilCard.edit')}
          </Button>
        )}
      </Group>
      <SimpleGrid cols={{ base: 2, md: 4 }} mt="md">
        <Fact label={t('pupils.iin')}>{pupil.iin ? (names.hidden ? '••••••••••••' : pupil.iin) : '—'}</Fact>
        <Fact label={t('pupilCard.birthDate')}>{pupil.birthDate && !names.hidden ? dayjs(pupil.birthDate).format('L') : '—'}</Fact>
        <Fact label={t('pupils.language')}>{t(`languages.${pupil.instructionLanguage}`)}</Fact>
        <Fact label={t('pupils.family')}>
          {pupil.familyStatus === null ? (
            <Text size="sm" c="dimmed" fs="italic" span>
              {t('pupilCard.hidden')}
            </Text>
          ) : pupil.familyStatus.length === 0 ? (
            '—'
          ) : (
            <Group gap={4}>
              {pupil.familyStatus.map((s) => (
                <Badge key={s} variant="light" size="sm" style={{ textTransform: 'none' }}>
                  {t(`pupils.status.${s}`)}
                </Badge>
              ))}
            </Group>
          )}
        </Fact>
      </SimpleGrid>
    </Paper>
  );
}

export function PupilCard() {
  const { t } = useTranslation();
  const canEdit = useCan('pupilsEdit');
  const caps = useCapabilities().data ?? null;
  const [editing, setEditing] = useState(false);
  const { id } = pupilRoute.useSearch();
  const valid = UUID.test(id);
  // opening the card is a view of a sensitive record: the core audits it
  const pupil = useApiQuery('pupils.get', { id }, { enabled: valid });
  const sections = visibleSections(PUPIL_CARD_SECTIONS, caps, CHRONOLOGY_SECTION);

  return (
    <Stack gap="md" data-testid="pupil-card">
      <AnchorLink to="/pupils" size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} />
          {t('pupilCard.back')}
        </Group>
      </AnchorLink>
      {!valid ? (
        <ErrorAlert error={new ApiError({ code: 'not_found', message: 'no such pupil' })} />
      ) : (
        <QueryPanel query={pupil}>
          {(p) => <Profile pupil={p} onEdit={canEdit && !p.archived ? () => setEditing(true) : null} />}
        </QueryPanel>
      )}
      {valid &&
        pupil.data &&
        sections.map((s) => (
          <Paper key={s.id} withBorder radius="md" p="lg" data-testid={`card-section-${s.id}`}>
            <Title order={4} mb="sm">
              {t(s.labelKey)}
            </Title>
            <s.component pupilId={id} archived={pupil.data.archived} />
          </Paper>
        ))}
      {editing && <PupilModal dialog={{ kind: 'edit', id }} canEdit={canEdit} onClose={() => setEditing(false)} />}
    </Stack>
  );
}
