/**
 * The plan editor: sections and subsections with their items in one table, virtualised (a plan can hold hundreds
 * of items), inline editing of an item in place of its row, automatic numbering (the core numbers), reordering
 * with up/down buttons, and links to framework items.
 */
import { ActionIcon, Badge, Box, Button, Group, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconArrowDown,
  IconArrowUp,
  IconCheck,
  IconFolderPlus,
  IconPencil,
  IconPlus,
  IconTrash,
  IconX,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Plan } from '../../../../shared/plans';
import type { Language } from '../../../../shared/roles';
import { invalidate, queryKey, useApiMutation, useApiQuery } from '../../api/hooks';
import { errorText } from '../../app/errors';
import { currentLanguage } from '../../i18n';
import { AbbrText, useAbbrIndex, type AbbrIndex } from '../frameworks/AbbrText';
import { ConfirmIcon } from './ConfirmButton';
import { isFallback, pick } from './format';
import { ItemEditForm } from './ItemEditForm';
import { addedId, buildRows, editingRowKey, moveTargets, type Row } from './editorRows';
import { monthsText, rolesText, targetText } from './itemText';

const GRID: CSSProperties = {
  display: 'grid',
  gridTemplateColumns:
    '44px minmax(180px, 2.45fr) minmax(80px, 1fr) minmax(104px, 1.25fr) minmax(110px, 1.3fr) minmax(90px, 1fr) 60px',
  columnGap: 0,
};
/** a narrow table: the completion form moves under the measure, so that words are not broken */
const GRID_COMPACT: CSSProperties = {
  ...GRID,
  gridTemplateColumns: '40px minmax(170px, 2.4fr) minmax(104px, 1.2fr) minmax(110px, 1.3fr) minmax(90px, 1fr) 60px',
};
/** below this table width the compact layout is used */
const COMPACT_BELOW = 900;
const CELL: CSSProperties = { padding: '8px 8px', minWidth: 0, overflowWrap: 'break-word' };
/** the app shell's header: the table's header row sticks below it */
const SHELL_HEADER = 64;

export function PlanEditor({ plan, editable }: { plan: Plan; editable: boolean }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const qc = useQueryClient();
  const rows = useMemo(() => buildRows(plan, editable), [plan, editable]);
  const [editingItem, setEditingItem] = useState<string | null>(null);
  const [editingSection, setEditingSection] = useState<string | null>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const [compact, setCompact] = useState(false);
  useLayoutEffect(() => {
    const el = boxRef.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setCompact(el.clientWidth < COMPACT_BELOW));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const [scrollMargin, setScrollMargin] = useState(0);
  const hasRows = rows.length > 0; // the list element exists only then
  // the list scrolls with the page: the virtualizer needs where it starts in the document. Anything above it that
  // changes size changes the page's size too, so one observer on the body, made once per list element, keeps it.
  useLayoutEffect(() => {
    const el = listRef.current;
    if (!el) return;
    const update = () => {
      const top = el.getBoundingClientRect().top + window.scrollY;
      setScrollMargin((m) => (Math.abs(m - top) > 1 ? top : m));
    };
    update();
    const ro = new ResizeObserver(update);
    ro.observe(document.body);
    return () => ro.disconnect();
  }, [hasRows]);
  const frameworks = useApiQuery('frameworks.list', { includeOld: false });
  const firstFw = frameworks.data?.[0]?.id;
  const fw = useApiQuery('frameworks.get', { id: firstFw ?? '00000000-0000-4000-8000-000000000000' }, { enabled: Boolean(firstFw) });
  const abbr = useAbbrIndex(fw.data?.abbreviations, lang);

  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    estimateSize: (i) => (rows[i]?.kind === 'item' ? 84 : 48),
    getItemKey: (i) => rows[i]?.key ?? i,
    overscan: 8,
    scrollMargin,
    scrollPaddingStart: SHELL_HEADER + 56,
  });

  const applied = async (next: Plan) => {
    qc.setQueryData(queryKey('plans.get', { id: plan.id }), next);
    await invalidate(qc, 'plans.list', 'plans.pendingChanges', 'plans.progress', 'plans.overdue');
  };
  const onError = (e: unknown) => notifications.show({ color: 'red', message: errorText(t, e) });
  const opts = { onSuccess: applied, onError };

  const addSection = useApiMutation('plans.addSection', {
    onSuccess: async (next) => {
      await applied(next);
      const added = addedId(plan.sections, next.sections);
      if (added) setEditingSection(added);
    },
    onError,
  });
  const updateSection = useApiMutation('plans.updateSection', {
    onSuccess: async (next) => {
      await applied(next);
      setEditingSection(null);
    },
    onError,
  });
  const deleteSection = useApiMutation('plans.deleteSection', opts);
  const moveSection = useApiMutation('plans.moveSection', opts);
  const addItem = useApiMutation('plans.addItem', {
    onSuccess: async (next) => {
      await applied(next);
      const added = addedId(plan.items, next.items);
      if (added) setEditingItem(added);
    },
    onError,
  });
  // a refusal is shown per save: on its field when it names one (ItemEditForm), else as a notification
  const updateItem = useApiMutation('plans.updateItem', {
    onSuccess: async (next) => {
      await applied(next);
      setEditingItem(null);
      notifications.show({ color: 'green', message: t('common.saved') });
    },
  });
  const deleteItem = useApiMutation('plans.deleteItem', opts);
  const moveItem = useApiMutation('plans.moveItem', opts);

  // bring the row being edited into view (a new item lands at the end of its section). Rows change after every
  // save: only a new target scrolls, once, as soon as its row exists.
  const scrolledTo = useRef<string | null>(null);
  useEffect(() => {
    const target = editingRowKey(editingItem, editingSection);
    if (!target) {
      scrolledTo.current = null;
      return;
    }
    if (scrolledTo.current === target) return;
    const idx = rows.findIndex((r) => r.key === target);
    if (idx < 0) return;
    scrolledTo.current = target;
    virtualizer.scrollToIndex(idx, { align: 'auto' });
  }, [editingItem, editingSection, rows, virtualizer]);

  const renderRow = (row: Row): ReactNode => {
    if (row.kind === 'section') {
      return (
        <SectionRow
          row={row}
          lang={lang}
          editable={editable}
          editing={editingSection === row.section.id}
          saving={updateSection.isPending}
          onEdit={() => setEditingSection(row.section.id)}
          onCancel={() => setEditingSection(null)}
          onSave={(titleKk, titleRu) => updateSection.mutate({ id: row.section.id, titleKk, titleRu })}
          onMove={(toIndex) => moveSection.mutate({ id: row.section.id, toIndex })}
          onDelete={() => deleteSection.mutate({ id: row.section.id })}
          onAddSub={() => addSection.mutate({ planId: plan.id, parentId: row.section.id, titleKk: '', titleRu: '' })}
        />
      );
    }
    if (row.kind === 'add') {
      return (
        <Group gap="xs" px="sm" py={6} pl={row.depth ? 60 : 48}>
          <Button
            size="compact-sm"
            variant="subtle"
            leftSection={<IconPlus size={14} />}
            loading={addItem.isPending && addItem.variables?.sectionId === row.section.id}
            onClick={() => addItem.mutate({ sectionId: row.section.id, fields: {} })}
            data-testid={`section-add-item-${row.section.number}`}
          >
            {t('plans.editor.addItem', { section: row.section.number })}
          </Button>
        </Group>
      );
    }
    if (editingItem === row.item.id) {
      return (
        <ItemEditForm
          item={row.item}
          saving={updateItem.isPending}
          onCancel={() => setEditingItem(null)}
          onSave={(fields, fieldError) =>
            updateItem.mutate({ id: row.item.id, fields }, { onError: (e) => fieldError(e) || onError(e) })
          }
        />
      );
    }
    return (
      <ItemRow
        row={row}
        compact={compact}
        lang={lang}
        abbr={abbr}
        editable={editable}
        onEdit={() => setEditingItem(row.item.id)}
        onMove={(toIndex) => moveItem.mutate({ id: row.item.id, sectionId: row.section.id, toIndex })}
        onDelete={() => deleteItem.mutate({ id: row.item.id })}
      />
    );
  };

  return (
    <Stack gap="sm">
      <Box
        ref={boxRef}
        style={{
          border: '1px solid var(--mantine-color-gray-3)',
          borderRadius: 'var(--mantine-radius-md)',
          background: 'white',
        }}
        data-testid="plan-editor"
      >
        <HeaderRow compact={compact} />
        {rows.length === 0 ? (
          <Text p="lg" c="dimmed" size="sm">
            {t('plans.editor.emptyPlan')}
          </Text>
        ) : (
          <div ref={listRef} style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((v) => {
              const row = rows[v.index];
              if (!row) return null;
              return (
                <div
                  key={v.key}
                  data-index={v.index}
                  ref={virtualizer.measureElement}
                  style={{
                    position: 'absolute',
                    top: 0,
                    left: 0,
                    width: '100%',
                    transform: `translateY(${v.start - virtualizer.options.scrollMargin}px)`,
                  }}
                >
                  {renderRow(row)}
                </div>
              );
            })}
          </div>
        )}
      </Box>
      {editable && (
        <Group>
          <Button
            variant="light"
            leftSection={<IconFolderPlus size={18} />}
            loading={addSection.isPending && addSection.variables?.parentId == null}
            onClick={() => addSection.mutate({ planId: plan.id, parentId: null, titleKk: '', titleRu: '' })}
            data-testid="plan-add-section"
          >
            {t('plans.editor.addSection')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function HeaderRow({ compact }: { compact: boolean }) {
  const { t } = useTranslation();
  const heads = [
    t('plans.columns.number'),
    t('plans.columns.measure'),
    ...(compact ? [] : [t('plans.columns.completionForm')]),
    t('plans.columns.deadline'),
    t('plans.columns.responsible'),
    t('plans.columns.costFunding'),
    '',
  ];
  return (
    <div
      style={{
        ...(compact ? GRID_COMPACT : GRID),
        position: 'sticky',
        top: SHELL_HEADER,
        zIndex: 3,
        background: 'var(--mantine-color-gray-0)',
        borderBottom: '2px solid var(--mantine-color-gray-4)',
      }}
    >
      {heads.map((h, i) => (
        <Text key={i} size="xs" fw={700} style={{ ...CELL, overflowWrap: 'normal', alignSelf: 'end' }}>
          {h}
        </Text>
      ))}
    </div>
  );
}

function SectionRow({
  row,
  lang,
  editable,
  editing,
  saving,
  onEdit,
  onCancel,
  onSave,
  onMove,
  onDelete,
  onAddSub,
}: {
  row: Extract<Row, { kind: 'section' }>;
  lang: Language;
  editable: boolean;
  editing: boolean;
  saving: boolean;
  onEdit: () => void;
  onCancel: () => void;
  onSave: (kk: string, ru: string) => void;
  onMove: (toIndex: number) => void;
  onDelete: () => void;
  onAddSub: () => void;
}) {
  const { t } = useTranslation();
  const s = row.section;
  const [kk, setKk] = useState(s.titleKk);
  const [ru, setRu] = useState(s.titleRu);
  // each edit starts from the stored titles (React's "adjust state when a prop changes", not an effect)
  const [wasEditing, setWasEditing] = useState(editing);
  if (editing !== wasEditing) {
    setWasEditing(editing);
    if (editing) {
      setKk(s.titleKk);
      setRu(s.titleRu);
    }
  }
  const title = pick(lang, s.titleKk, s.titleRu);
  const moves = moveTargets(row.index, row.siblings);
  return (
    <Group
      wrap="nowrap"
      justify="space-between"
      gap="sm"
      px="sm"
      py={8}
      pl={row.depth ? 44 : 10}
      bg={row.depth ? 'var(--mantine-color-gray-0)' : 'var(--mantine-color-qorgan-0)'}
      style={{ borderTop: '1px solid var(--mantine-color-gray-3)', borderBottom: '1px solid var(--mantine-color-gray-3)' }}
      data-testid={`section-row-${s.number}`}
    >
      {editing ? (
        <Stack gap={6} style={{ flex: 1 }}>
          <TextInput
            size="xs"
            label={t('plans.fields.sectionKk')}
            value={kk}
            onChange={(e) => setKk(e.currentTarget.value)}
            data-testid="section-title-kk"
          />
          <TextInput
            size="xs"
            label={t('plans.fields.sectionRu')}
            value={ru}
            onChange={(e) => setRu(e.currentTarget.value)}
            data-testid="section-title-ru"
          />
        </Stack>
      ) : (
        <Text fw={700} size="sm" style={{ flex: 1, minWidth: 0, overflowWrap: 'break-word' }}>
          {s.number}. {title || <Text span c="dimmed" fs="italic">{t('plans.editor.untitledSection')}</Text>}
        </Text>
      )}
      {editable && (
        <Group gap={2} wrap="nowrap">
          {editing ? (
            <>
              <Tooltip label={t('common.save')}>
                <ActionIcon variant="filled" size="sm" loading={saving} onClick={() => onSave(kk, ru)} aria-label={t('common.save')} data-testid="section-save">
                  <IconCheck size={16} />
                </ActionIcon>
              </Tooltip>
              <Tooltip label={t('common.cancel')}>
                <ActionIcon variant="subtle" color="gray" size="sm" onClick={onCancel} aria-label={t('common.cancel')}>
                  <IconX size={16} />
                </ActionIcon>
              </Tooltip>
            </>
          ) : (
            <>
              <Tooltip label={t('plans.editor.renameSection')}>
                <ActionIcon variant="subtle" size="sm" onClick={onEdit} aria-label={t('plans.editor.renameSection')}>
                  <IconPencil size={16} />
                </ActionIcon>
              </Tooltip>
              {row.depth === 0 && (
                <Tooltip label={t('plans.editor.addSubsection')}>
                  <ActionIcon variant="subtle" size="sm" onClick={onAddSub} aria-label={t('plans.editor.addSubsection')}>
                    <IconFolderPlus size={16} />
                  </ActionIcon>
                </Tooltip>
              )}
              <Tooltip label={t('plans.editor.moveUp')}>
                <ActionIcon variant="subtle" size="sm" disabled={moves.up === null} onClick={() => moves.up !== null && onMove(moves.up)} aria-label={t('plans.editor.moveUp')}>
                  <IconArrowUp size={16} />
                </ActionIcon>
              </Tooltip>
              <Tooltip label={t('plans.editor.moveDown')}>
                <ActionIcon
                  variant="subtle"
                  size="sm"
                  disabled={moves.down === null}
                  onClick={() => moves.down !== null && onMove(moves.down)}
                  aria-label={t('plans.editor.moveDown')}
                >
                  <IconArrowDown size={16} />
                </ActionIcon>
              </Tooltip>
              <ConfirmIcon
                label={t('plans.editor.deleteSection')}
                question={t('plans.editor.deleteSectionQuestion')}
                confirmLabel={t('plans.editor.delete')}
                icon={<IconTrash size={16} />}
                onConfirm={onDelete}
              />
            </>
          )}
        </Group>
      )}
    </Group>
  );
}

function ItemRow({
  row,
  lang,
  abbr,
  compact,
  editable,
  onEdit,
  onMove,
  onDelete,
}: {
  row: Extract<Row, { kind: 'item' }>;
  lang: Language;
  abbr: AbbrIndex;
  compact: boolean;
  editable: boolean;
  onEdit: () => void;
  onMove: (toIndex: number) => void;
  onDelete: () => void;
}) {
  const { t } = useTranslation();
  const i = row.item;
  const measure = pick(lang, i.measureKk, i.measureRu);
  const months = monthsText(t, i.dueMonths);
  const cost = pick(lang, i.costKk, i.costRu);
  const funding = pick(lang, i.fundingKk, i.fundingRu);
  const target = targetText(t, i.targetGroup);
  const form = pick(lang, i.completionFormKk, i.completionFormRu);
  const moves = moveTargets(row.index, row.count);
  return (
    <div
      style={{ ...(compact ? GRID_COMPACT : GRID), borderBottom: '1px solid var(--mantine-color-gray-2)' }}
      data-testid={`item-row-${i.number}`}
      onDoubleClick={editable ? onEdit : undefined}
    >
      <Text size="sm" fw={700} style={{ ...CELL, paddingRight: 2, whiteSpace: 'nowrap' }}>
        {i.number}
      </Text>
      <div style={CELL}>
        <Text size="sm" lang={isFallback(lang, i.measureKk, i.measureRu) ? (lang === 'ru' ? 'kk' : 'ru') : undefined}>
          {measure || <Text span c="dimmed" fs="italic">{t('plans.editor.noMeasure')}</Text>}
        </Text>
        {isFallback(lang, i.measureKk, i.measureRu) && (
          <Badge size="xs" variant="outline" color="gray" mt={4} style={{ textTransform: 'none' }}>
            {t(lang === 'ru' ? 'plans.editor.onlyKk' : 'plans.editor.onlyRu')}
          </Badge>
        )}
        {compact && form && (
          <Text size="xs" c="dimmed" mt={2}>
            {t('plans.editor.formIs', { form })}
          </Text>
        )}
        {target && (
          <Text size="xs" c="dimmed" mt={2}>
            {t('plans.editor.forWhom', { who: target })}
          </Text>
        )}
        {i.frameworkLinks.length > 0 && (
          <Group gap={4} mt={4}>
            {i.frameworkLinks.map((l) => (
              <Badge key={l.frameworkItemId} size="xs" variant="light" style={{ textTransform: 'none' }}>
                {t('plans.linkLabel', { number: l.number })}
              </Badge>
            ))}
          </Group>
        )}
      </div>
      {!compact && (
        <Text size="sm" style={CELL}>
          {form}
        </Text>
      )}
      <div style={CELL}>
        <Text size="sm">{pick(lang, i.deadlineKk, i.deadlineRu)}</Text>
        {months && (
          <Text size="xs" c="dimmed">
            {months}
          </Text>
        )}
      </div>
      <Text size="sm" style={CELL}>
        <AbbrText text={rolesText(t, i.responsibleRoles, i.responsibleBodies)} index={abbr} />
      </Text>
      <div style={CELL}>
        <Text size="sm">{cost}</Text>
        {funding && (
          <Text size="xs" c="dimmed">
            <AbbrText text={funding} index={abbr} />
          </Text>
        )}
      </div>
      <div style={{ ...CELL, padding: '6px 4px' }}>
        {editable && (
          <Group gap={2} wrap="wrap" justify="flex-end">
            <Tooltip label={t('plans.editor.editItem')}>
              <ActionIcon variant="subtle" size="sm" onClick={onEdit} aria-label={t('plans.editor.editItem')} data-testid={`item-edit-${i.number}`}>
                <IconPencil size={16} />
              </ActionIcon>
            </Tooltip>
            <ConfirmIcon
              label={t('plans.editor.deleteItem')}
              question={t('plans.editor.deleteItemQuestion', { n: i.number })}
              confirmLabel={t('plans.editor.delete')}
              icon={<IconTrash size={16} />}
              onConfirm={onDelete}
            />
            <Tooltip label={t('plans.editor.moveUp')}>
              <ActionIcon variant="subtle" size="sm" disabled={moves.up === null} onClick={() => moves.up !== null && onMove(moves.up)} aria-label={t('plans.editor.moveUp')}>
                <IconArrowUp size={16} />
              </ActionIcon>
            </Tooltip>
            <Tooltip label={t('plans.editor.moveDown')}>
              <ActionIcon
                variant="subtle"
                size="sm"
                disabled={moves.down === null}
                onClick={() => moves.down !== null && onMove(moves.down)}
                aria-label={t('plans.editor.moveDown')}
              >
                <IconArrowDown size={16} />
              </ActionIcon>
            </Tooltip>
          </Group>
        )}
      </div>
    </div>
  );
}
