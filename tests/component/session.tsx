/**
 * A signed-in session around a screen's component (what `App` gives an unlocked screen), with the fixtures the
 * signing and certificate forms need: the signer's account and the school.
 */
import type { ReactElement } from 'react';
import type { RenderResult } from '@testing-library/react';
import { SessionProvider } from '../../renderer/src/app/session';
import type { AuthStatus, SessionInfo } from '../../shared/auth';
import type { SigningCertificate } from '../../shared/documents';
import type { SchoolProfile } from '../../shared/school';
import { renderWithApp } from './render';

export const DIRECTOR: SessionInfo = {
  accountId: '3b0f6c1e-8d2a-4f5b-9c7e-1a2b3c4d5e6f',
  login: 'director',
  displayName: 'Мұрат Қаншев',
  roles: ['director'],
  language: 'kk',
};

export const SCHOOL: SchoolProfile = {
  nameKk: '№96 жалпы білім беретін мектеп',
  nameRu: 'Общеобразовательная школа №96',
  number: '96',
  namedAfterKk: '',
  namedAfterRu: '',
  addressKk: '',
  addressRu: '',
  districtDepartmentKk: '',
  districtDepartmentRu: '',
  directorName: 'Мұрат Қаншев',
  directorPositionKk: '№96 мектеп директоры',
  directorPositionRu: 'Директор школы №96',
};

export function certificate(over: Partial<SigningCertificate> = {}): SigningCertificate {
  return {
    id: '5d1e2f3a-4b5c-4d7e-8f90-a1b2c3d4e5f6',
    origin: 'created',
    subjectName: DIRECTOR.displayName,
    position: SCHOOL.directorPositionKk,
    organization: SCHOOL.nameKk,
    issuerName: DIRECTOR.displayName,
    serialHex: '0a1b2c3d4e5f60718293a4b5c6d7e8f9',
    fingerprintSha256: 'ab'.repeat(32),
    notBefore: '2026-09-01T00:00:00.000Z',
    notAfter: '2029-09-01T00:00:00.000Z',
    keyBits: 3072,
    ownerAccountId: DIRECTOR.accountId,
    createdAt: '2026-09-01T00:00:00.000Z',
    retiredAt: null,
    ...over,
  };
}

const status: AuthStatus = {
  state: 'unlocked',
  session: DIRECTOR,
  language: 'kk',
  idleLockMinutes: 10,
  demo: false,
  recoveryKeyConfirmed: true,
  lockedBecause: null,
  mode: 'school',
};

export function renderSignedIn(ui: ReactElement, session: SessionInfo = DIRECTOR): RenderResult {
  return renderWithApp(
    <SessionProvider value={{ status: { ...status, session }, session, lock: async () => undefined }}>{ui}</SessionProvider>,
  );
}
