import { fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import kk from '../../renderer/src/i18n/kk.json';
import { ApiError } from '../../renderer/src/api/client';
import { ItemEditForm } from '../../renderer/src/features/plans/ItemEditForm';
import { EMPTY_ITEM_FIELDS, type PlanItem, type PlanItemFields } from '../../shared/plans';
import { descriptionOf, errorOf, installFakeCore, ok, renderWithApp } from './render';

const item: PlanItem = {
  ...EMPTY_ITEM_FIELDS,
  id: '2b1f6c1e-7d0a-4c55-9a51-0d3f2a9c8e01',
  sectionId: '7c0d9b1a-1f2e-4a3b-8c4d-5e6f7a8b9c0d',
  position: 0,
  number: 4,
  frameworkLinks: [],
};

function textField(name: string): HTMLInputElement | HTMLTextAreaElement {
  const el = screen.getByTestId(`item-${name}`);
  if (!(el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement)) throw new Error(`item-${name} is no text field`);
  return el;
}

describe('plan item editor (plans.updateItem on the contract schema)', () => {
  let saved: PlanItemFields[];
  let refusal: unknown;
  let shownAsWhole: unknown[];
  const onSave = (fields: PlanItemFields, fieldError: (e: unknown) => boolean) => {
    saved.push(fields);
    if (refusal && !fieldError(refusal)) shownAsWhole.push(refusal);
  };

  beforeEach(() => {
    saved = [];
    refusal = null;
    shownAsWhole = [];
    installFakeCore({ 'frameworks.list': () => ok([]) });
  });

  it('refuses an item with no measure in either language on the Kazakh measure, and sends nothing', () => {
    renderWithApp(<ItemEditForm item={item} saving={false} onSave={onSave} onCancel={() => undefined} />);
    fireEvent.change(textField('measureKk'), { target: { value: '   ' } });
    fireEvent.click(screen.getByTestId('item-save'));
    expect(errorOf(textField('measureKk'))).toBe(kk.plans.editor.measureRequired);
    expect(saved).toEqual([]);
  });

  it('shows a text past its limit on its field with a counter, from the schema', () => {
    renderWithApp(<ItemEditForm item={item} saving={false} onSave={onSave} onCancel={() => undefined} />);
    fireEvent.change(textField('measureRu'), { target: { value: 'Профилактика' } });
    fireEvent.change(textField('costKk'), { target: { value: 'т'.repeat(401) } });
    expect(descriptionOf(textField('costKk'))).toBe(kk.common.counter.replace('{{n}}', '401').replace('{{max}}', '400'));
    expect(descriptionOf(textField('costRu'))).toBeNull();
    fireEvent.click(screen.getByTestId('item-save'));
    expect(errorOf(textField('costKk'))).toBe(kk.validation.tooLong);
    expect(errorOf(textField('measureKk'))).toBeNull();
    expect(saved).toEqual([]);
  });

  it('saves the parsed fields (trimmed) with a measure in one language only', () => {
    renderWithApp(<ItemEditForm item={item} saving={false} onSave={onSave} onCancel={() => undefined} />);
    fireEvent.change(textField('measureRu'), { target: { value: '  Классный час о безопасности  ' } });
    fireEvent.change(textField('deadlineKk'), { target: { value: ' тоқсан сайын ' } });
    fireEvent.click(screen.getByTestId('item-save'));
    expect(saved).toEqual([{ ...EMPTY_ITEM_FIELDS, measureRu: 'Классный час о безопасности', deadlineKk: 'тоқсан сайын' }]);
  });

  it('puts a refusal of the core that names a field on that field, not as a whole', async () => {
    refusal = new ApiError({ code: 'validation', message: 'too long', details: { path: 'fields.fundingRu' } });
    renderWithApp(<ItemEditForm item={{ ...item, measureKk: 'Сынып сағаты' }} saving={false} onSave={onSave} onCancel={() => undefined} />);
    fireEvent.click(screen.getByTestId('item-save'));
    await waitFor(() => expect(errorOf(textField('fundingRu'))).toBe(kk.errors.validation));
    expect(shownAsWhole).toEqual([]);
    expect(saved).toHaveLength(1);
  });

  it('leaves a refusal that names no field of the form to the caller', () => {
    refusal = new ApiError({ code: 'plans.locked', message: 'approved' });
    renderWithApp(<ItemEditForm item={{ ...item, measureKk: 'Сынып сағаты' }} saving={false} onSave={onSave} onCancel={() => undefined} />);
    fireEvent.click(screen.getByTestId('item-save'));
    expect(shownAsWhole).toEqual([refusal]);
  });
});
