/** The register's section of the pupil card (renderer/src/features/pupils/card/sections.ts). */
import { PupilRegister } from './PupilRegister';

export function RegisterSection({ pupilId, archived }: { pupilId: string; archived: boolean }) {
  return <PupilRegister pupilId={pupilId} archived={archived} />;
}
