import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApproveModal } from '../../renderer/src/features/plans/ApprovalPanel';
import type { Plan } from '../../shared/plans';
import { errorOf, installFakeCore, ok, renderWithApp } from './render';
import { SCHOOL } from './session';

const plan = { id: '0f8fad5b-d9cb-469f-a165-70867728950e', revision: 1 } as Plan;

describe('approving a plan («Бекітемін», plans.approve on the contract schema)', () => {
  it('starts from the director’s name and today, says an empty name on its field, and sends the trimmed name', async () => {
    const core = installFakeCore({ 'school.get': () => ok(SCHOOL), 'plans.approve': () => ok(plan) });
    renderWithApp(<ApproveModal plan={plan} onClose={() => undefined} onDone={async () => undefined} />);
    const name = (await screen.findByTestId('approve-form')).querySelector<HTMLInputElement>('input[name="approverName"]')!;
    expect(name.value).toBe(SCHOOL.directorName);
    fireEvent.change(name, { target: { value: '   ' } });
    fireEvent.click(screen.getByTestId('plan-approve-confirm'));
    await waitFor(() => expect(errorOf(name)).toBeTruthy());
    expect(core.inputs('plans.approve')).toEqual([]);
    fireEvent.change(name, { target: { value: ' А.Директорова ' } });
    expect(screen.getByTestId('approve-form').textContent).toContain('А.Директорова');
    fireEvent.click(screen.getByTestId('plan-approve-confirm'));
    await waitFor(() => expect(core.inputs('plans.approve')).toHaveLength(1));
    const sent = core.inputs('plans.approve')[0] as { id: string; approvedOn: string; approverName: string };
    expect(sent).toEqual({ id: plan.id, approvedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), approverName: 'А.Директорова' });
  });
});
