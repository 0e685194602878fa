/**
 * Demo guardians: one or two plainly fake parents for most pupils of the demo school (phones in the +7 700 000 xx xx
 * range nobody holds), a grandmother or a guardian here and there, and three pupils who left this autumn (one for
 * another reason, two for another school) — dated relative to the clock. Written straight through the
 * guardians' queries in one transaction (bulk seeding, not a user action); the director's session holds the
 * protection compartment the sealed fields need.
 */
import type { Core } from '../api';
import type { DemoSeeder } from '../demo/school';
import { archivePupil } from '../pupils/archive';
import { createGuardian } from './queries';

const FATHERS = ['Мысалов Серік', 'Сынақов Болат', 'Үлгібаев Марат', 'Демоұлы Ерлан', 'Тәжірибеев Асқар'];
const MOTHERS = ['Мысалова Гүлнар', 'Сынақова Айгүл', 'Үлгібаева Динара', 'Демоқызы Сәуле', 'Тәжірибеева Жанар'];

const phone = (n: number) => `+7 700 000 ${String(Math.floor(n / 100) % 100).padStart(2, '0')} ${String(n % 100).padStart(2, '0')}`;

export async function seedDemoGuardians(core: Core, now: Date): Promise<void> {
  const actor = { accountId: core.state.session?.accountId ?? null, now };
  const pupils = await core.state.db.selectFrom('pupils').select(['id', 'last_name']).where('archived', '=', 0).orderBy('grade').orderBy('last_name').execute();
  await core.state.db.transaction().execute(async (trx) => {
    for (const [i, p] of pupils.entries()) {
      if (i % 10 === 9) continue; // some pupils have no guardian entered yet
      const k = i % FATHERS.length;
      if (i % 13 === 0) {
        await createGuardian(trx, core.state, actor, p.id, { fullName: `${MOTHERS[k]!.split(' ')[0]} Бағила`, relation: i % 26 === 0 ? 'guardian' : 'grandparent', phones: [phone(i * 3)], legalRepresentative: true, iin: null, livesWithPupil: true });
        continue;
      }
      await createGuardian(trx, core.state, actor, p.id, { fullName: MOTHERS[k]!, relation: 'mother', phones: [phone(i * 3 + 1)], legalRepresentative: true, iin: null, livesWithPupil: true });
      if (i % 4 !== 0) {
        await createGuardian(trx, core.state, actor, p.id, { fullName: FATHERS[k]!, relation: 'father', phones: [phone(i * 3 + 2)], legalRepresentative: true, iin: null, livesWithPupil: i % 6 !== 0 });
      }
    }
    // three pupils who left: dated from the clock (this autumn), not fixed dates
    const day = (offset: number) => new Date(now.getTime() - offset * 86_400_000).toISOString().slice(0, 10);
    const leavers = pupils.filter((_p, i) => i % 97 === 5).slice(0, 3);
    for (const [n, p] of leavers.entries()) {
      await archivePupil(trx, core.state, actor, p.id, n === 0 ? 'other' : 'transferred', day(20 + n * 15));
    }
  });
}

export const demoGuardiansSeeder: DemoSeeder = seedDemoGuardians;
