import { notifications } from '@mantine/notifications';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import kk from '../../renderer/src/i18n/kk.json';
import { AgendaItemEditor } from '../../renderer/src/features/council/AgendaItemEditor';
import { FreeItemForm } from '../../renderer/src/features/council/FreeItemForm';
import { MembersPanel } from '../../renderer/src/features/council/MembersPanel';
import type { AgendaItem, CouncilRoster, Decision } from '../../shared/council';
import { descriptionOf, errorOf, fail, type FakeCore, type FakeHandler, installFakeCore, ok, renderWithApp } from './render';

const PUPIL = '3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a6b';
const ITEM = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';
const MEETING = '5d2c8f3a-6b1e-4c7d-9a0f-1e2d3c4b5a69';

const decision = (over: Partial<Decision> = {}): Decision => ({
  id: '0f1e2d3c-4b5a-4697-8a8b-9c0d1e2f3a4b',
  number: 1,
  type: 'note',
  pupilId: null,
  text: 'Ақпарат назарға алынсын.',
  responsible: '',
  deadline: null,
  groundIds: [],
  firstReviewOn: null,
  effectStatus: 'pending',
  ...over,
});

const agendaItem = (over: Partial<AgendaItem> = {}): AgendaItem => ({
  id: ITEM,
  number: 2,
  sourceType: 'free',
  sourceId: null,
  pupilId: null,
  pupilName: null,
  title: 'Тоқсан қорытындысы',
  heard: '',
  spoke: '',
  decisions: [],
  ...over,
});

const fmt = (template: string, v: Record<string, string>) => Object.entries(v).reduce((s, [k, x]) => s.replace(`{{${k}}}`, x), template);

function field(testId: string): HTMLInputElement | HTMLTextAreaElement {
  const el = screen.getByTestId(testId);
  if (!(el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement)) throw new Error(`${testId} is no text field`);
  return el;
}

const noop = () => undefined;

describe('agenda item editor (council.agenda.saveItem on itemInputSchema)', () => {
  let core: FakeCore;
  let saveItem: FakeHandler;
  beforeEach(() => {
    notifications.clean();
    saveItem = (i) => ok({ ...agendaItem(), ...(i as object) });
    core = installFakeCore({ 'council.agenda.saveItem': (i) => saveItem(i), 'register.grounds': () => ok([]) });
  });

  it('refuses an empty title and a decision with no text on their fields, and sends nothing', () => {
    renderWithApp(<AgendaItemEditor item={agendaItem()} first last onMove={noop} />);
    fireEvent.change(field('item-title-2'), { target: { value: '  ' } });
    fireEvent.click(screen.getByTestId('decision-add-2'));
    fireEvent.click(screen.getByTestId('item-save-2'));
    expect(errorOf(field('item-title-2'))).toBe(kk.validation.required);
    expect(errorOf(field('decision-text-2-1'))).toBe(kk.validation.required);
    expect(core.inputs('council.agenda.saveItem')).toEqual([]);
  });

  it('a typed decision needs the pupil, a putting-on its grounds: both on their fields before sending', () => {
    const item = agendaItem({ decisions: [decision({ type: 'measure' }), decision({ number: 2, type: 'register_on' })] });
    renderWithApp(<AgendaItemEditor item={item} first last onMove={noop} />);
    fireEvent.click(screen.getByTestId('item-save-2'));
    expect(errorOf(field('decision-type-2-1'))).toBe(kk.council.decisionNeedsPupil);
    expect(errorOf(field('decision-grounds-2-2'))).toBe(kk.errors.council.grounds_required);
    expect(core.inputs('council.agenda.saveItem')).toEqual([]);
  });

  it('counts the hearing as it nears its limit and refuses it past the limit on its field', () => {
    renderWithApp(<AgendaItemEditor item={agendaItem()} first last onMove={noop} />);
    fireEvent.change(field('item-heard-2'), { target: { value: 'ә'.repeat(8001) } });
    expect(descriptionOf(field('item-heard-2'))).toBe(fmt(kk.common.counter, { n: '8001', max: '8000' }));
    fireEvent.click(screen.getByTestId('item-save-2'));
    expect(errorOf(field('item-heard-2'))).toBe(kk.validation.tooLong);
    expect(core.inputs('council.agenda.saveItem')).toEqual([]);
  });

  it("sends the parsed item: trimmed texts, an empty deadline as none, a typed decision for the item's pupil", async () => {
    const item = agendaItem({ pupilId: PUPIL, pupilName: 'Серікова Айгерім', decisions: [decision({ type: 'measure', pupilId: PUPIL })] });
    renderWithApp(<AgendaItemEditor item={item} first last onMove={noop} />);
    fireEvent.change(field('item-heard-2'), { target: { value: '  Психолог баяндады.  ' } });
    fireEvent.change(field('decision-responsible-2-1'), { target: { value: ' педагог-психолог ' } });
    fireEvent.click(screen.getByTestId('item-save-2'));
    await waitFor(() =>
      expect(core.inputs('council.agenda.saveItem')).toEqual([
        {
          itemId: ITEM,
          title: 'Тоқсан қорытындысы',
          pupilId: PUPIL,
          heard: 'Психолог баяндады.',
          spoke: '',
          decisions: [
            { type: 'measure', pupilId: PUPIL, text: 'Ақпарат назарға алынсын.', responsible: 'педагог-психолог', deadline: null, groundIds: [], firstReviewOn: null },
          ],
        },
      ]),
    );
  });

  it("puts the core's refusal that names a field on that field, with no general alert", async () => {
    saveItem = () => fail('validation', 'too long', { path: 'spoke' });
    renderWithApp(<AgendaItemEditor item={agendaItem()} first last onMove={noop} />);
    fireEvent.click(screen.getByTestId('item-save-2'));
    await waitFor(() => expect(errorOf(field('item-spoke-2'))).toBe(kk.errors.validation));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('council member form (council.members.save on memberInputSchema)', () => {
  const roster: CouncilRoster = { academicYear: 2026, members: [], chairMemberId: null, secretaryMemberId: null };
  let core: FakeCore;
  let save: FakeHandler;
  beforeEach(() => {
    notifications.clean();
    save = (i) => ok({ id: 'x', duty: 'member', ...(i as object) });
    core = installFakeCore({
      'capabilities.mine': () => ok({ councilAppoint: true }),
      'council.staff': () => ok([]),
      'council.roster': () => ok(roster),
      'council.members.save': (i) => save(i),
    });
  });

  async function openNew() {
    renderWithApp(<MembersPanel roster={roster} />);
    fireEvent.click(await screen.findByTestId('council-add-member'));
    await screen.findByTestId('member-name');
  }

  it('refuses empty positions on their fields and sends nothing', async () => {
    await openNew();
    fireEvent.change(field('member-name'), { target: { value: 'Ахметова Г.' } });
    fireEvent.click(screen.getByTestId('member-save'));
    expect(errorOf(field('member-position-kk'))).toBe(kk.validation.required);
    expect(errorOf(field('member-position-ru'))).toBe(kk.validation.required);
    expect(errorOf(field('member-name'))).toBeNull();
    expect(core.inputs('council.members.save')).toEqual([]);
  });

  it('sends the parsed member of the year', async () => {
    await openNew();
    fireEvent.change(field('member-name'), { target: { value: ' Ахметова Г. ' } });
    fireEvent.change(field('member-position-kk'), { target: { value: 'ата-аналар комитетінің төрайымы' } });
    fireEvent.change(field('member-position-ru'), { target: { value: 'председатель родительского комитета' } });
    fireEvent.click(screen.getByTestId('member-save'));
    await waitFor(() =>
      expect(core.inputs('council.members.save')).toEqual([
        { academicYear: 2026, accountId: null, name: 'Ахметова Г.', positionKk: 'ата-аналар комитетінің төрайымы', positionRu: 'председатель родительского комитета' },
      ]),
    );
  });

  it("puts the core's refusal of a field on that field", async () => {
    save = () => fail('validation', 'too long', { path: 'positionRu' });
    await openNew();
    fireEvent.change(field('member-name'), { target: { value: 'Ахметова Г.' } });
    fireEvent.change(field('member-position-kk'), { target: { value: 'мүше' } });
    fireEvent.change(field('member-position-ru'), { target: { value: 'член' } });
    fireEvent.click(screen.getByTestId('member-save'));
    await waitFor(() => expect(errorOf(field('member-position-ru'))).toBe(kk.errors.validation));
  });
});

describe('free agenda item (council.agenda.add)', () => {
  it('refuses an empty title on its field; sends the trimmed title', async () => {
    const core = installFakeCore({ 'council.agenda.add': () => ok({}), 'council.meetings.get': () => ok({}) });
    renderWithApp(<FreeItemForm meetingId={MEETING} />);
    fireEvent.click(screen.getByTestId('free-item-add'));
    expect(errorOf(field('free-item-title'))).toBe(kk.validation.required);
    expect(core.inputs('council.agenda.add')).toEqual([]);
    fireEvent.change(field('free-item-title'), { target: { value: '  Жазғы демалыс қауіпсіздігі ' } });
    fireEvent.click(screen.getByTestId('free-item-add'));
    await waitFor(() => expect(core.inputs('council.agenda.add')).toEqual([{ meetingId: MEETING, source: null, title: 'Жазғы демалыс қауіпсіздігі', pupilId: null }]));
  });
});
