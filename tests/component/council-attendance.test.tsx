import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import kk from '../../renderer/src/i18n/kk.json';
import { AttendanceSection } from '../../renderer/src/features/council/MeetingScreen';
import { attendanceInputSchema, type CouncilRoster, type MeetingDetail } from '../../shared/council';
import { errorOf, installFakeCore, ok, renderWithApp } from './render';

const meeting = { id: '7c9e6679-7425-40de-944b-e07fc1f90ae7', attendance: [] } as unknown as MeetingDetail;
const MEMBER = '2f1b7c3a-9d4e-4a5b-8c6d-7e8f9a0b1c2d';
const roster = { members: [{ id: MEMBER, name: 'Мысалова Г.' }] } as unknown as CouncilRoster;

describe('council attendance (council.attendance.save on the contract schema)', () => {
  it('the shared rule: a guest needs a name, a member does not', () => {
    expect(attendanceInputSchema.safeParse({ kind: 'parent', present: true, name: '  ' }).success).toBe(false);
    expect(attendanceInputSchema.safeParse({ kind: 'member', memberId: MEMBER, present: true }).success).toBe(true);
  });

  it('says a nameless guest on the guest’s name field, then sends the members and the guests as typed', async () => {
    const core = installFakeCore({ 'council.attendance.save': () => ok([]) });
    renderWithApp(<AttendanceSection meeting={meeting} roster={roster} editable />);
    fireEvent.click(screen.getByTestId('attendance-add-guest'));
    fireEvent.click(screen.getByTestId('attendance-save'));
    const name = await screen.findByTestId<HTMLInputElement>('attendance-name-1');
    await waitFor(() => expect(errorOf(name)).toBe(kk.council.guestNameRequired));
    expect(core.inputs('council.attendance.save')).toEqual([]);
    fireEvent.change(name, { target: { value: ' Ата-ана (демо) ' } });
    fireEvent.click(screen.getByTestId('attendance-present-0'));
    fireEvent.change(await screen.findByTestId('attendance-reason-0'), { target: { value: 'ауырып қалды' } });
    fireEvent.click(screen.getByTestId('attendance-save'));
    await waitFor(() => expect(core.inputs('council.attendance.save')).toHaveLength(1));
    expect(core.inputs('council.attendance.save')[0]).toEqual({
      meetingId: meeting.id,
      entries: [
        { kind: 'member', memberId: MEMBER, name: '', roleText: '', present: false, reason: 'ауырып қалды' },
        { kind: 'parent', memberId: null, name: 'Ата-ана (демо)', roleText: '', present: true, reason: '' },
      ],
    });
  });
});
