/** Signing keys for the documents tests: created once per test file (RSA 3072 takes a moment). */
import { createSchoolCertificate, loadP12, type LoadedP12 } from '../../../electron/core/documents/certificates';

export const CHAIR = { name: 'Қаншев Марат Серікұлы', position: '№96 мектеп директоры', password: 'төраға-құпия-1' };
export const SECRETARY = { name: 'Сейітова Әйгерім Ғалымқызы', position: 'Профилактика кеңесінің хатшысы', password: 'хатшы-құпия-2' };
export const SCHOOL = 'Қарасақал Ерімбет атындағы №96 мектеп';

export function makeSigner(who: { name: string; position: string; password: string }, now = new Date()): { p12: Buffer; loaded: LoadedP12 } {
  const { p12 } = createSchoolCertificate({ commonName: who.name, position: who.position, organization: SCHOOL, password: who.password, now });
  return { p12, loaded: loadP12(p12, who.password) };
}
