/**
 * The demo school: School No. 96 as the seed names it, with clearly fake staff accounts and pupils. Used by
 * `npm run demo`, `npm run samples`, the bench and the e2e tests. Never for a real school.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Role } from '../../../shared/roles';
import type { SchoolProfile } from '../../../shared/school';
import { createCore, type Core } from '../api';
import type { Platform } from '../platform';
import { sealPlaintextPupils } from '../compartments/sweep';

export const DEMO_SCHOOL: SchoolProfile = {
  nameKk: 'Қарасақал Ерімбет атындағы №96 мектеп',
  nameRu: 'Школа №96 имени Карасакала Еримбета',
  number: '96',
  namedAfterKk: 'Қарасақал Ерімбет',
  namedAfterRu: 'Карасакал Еримбет',
  addressKk: 'Демо мекенжай, 96',
  addressRu: 'Демо адрес, 96',
  districtDepartmentKk: 'Аудандық білім бөлімі (демо)',
  districtDepartmentRu: 'Районный отдел образования (демо)',
  directorName: 'М.Қаншев',
  directorPositionKk: '№96 мектеп директоры',
  directorPositionRu: 'Директор школы №96',
};

export const DEMO_PASSWORD = 'qorgan-demo-96';

/** Staff accounts: login, display name (clearly fake, marked «демо»), roles. The first one sets the school up. */
export const DEMO_ACCOUNTS: { login: string; displayName: string; roles: Role[] }[] = [
  { login: 'director', displayName: 'М.Қаншев', roles: ['director', 'administrator'] },
  { login: 'deputy', displayName: 'Тәрбие орынбасары (демо)', roles: ['deputy_director'] },
  { login: 'psychologist', displayName: 'Педагог-психолог (демо)', roles: ['psychologist'] },
  { login: 'socped', displayName: 'Әлеуметтік педагог (демо)', roles: ['social_pedagogue'] },
  { login: 'secretary', displayName: 'Кеңес хатшысы (демо)', roles: ['council_secretary'] },
  { login: 'teacher', displayName: 'Сынып жетекшісі (демо)', roles: ['class_teacher'] },
  { login: 'admin', displayName: 'Әкімші (демо)', roles: ['administrator'] },
];

// "Мысал" = example, "Сынақ" = test, "Үлгі" = sample: surnames nobody carries, so the data is plainly fake.
const SURNAMES_M = ['Мысалов', 'Сынақов', 'Үлгібаев', 'Демоұлы', 'Тәжірибеев'];
const SURNAMES_F = ['Мысалова', 'Сынақова', 'Үлгібаева', 'Демоқызы', 'Тәжірибеева'];
const NAMES_M = ['Арман', 'Нұрлан', 'Дәулет', 'Ерасыл', 'Айбек', 'Темірлан', 'Әлихан', 'Нұрсұлтан', 'Ислам', 'Санжар'];
const NAMES_F = ['Аружан', 'Әсел', 'Айгерім', 'Жансая', 'Інжу', 'Томирис', 'Ұлпан', 'Мөлдір', 'Аяулым', 'Сезім'];
const LETTERS = ['А', 'Ә', 'Б'];

/** Deterministic pseudo-random numbers, so that the demo school is the same every time. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FakePupil {
  lastName: string;
  firstName: string;
  grade: number;
  classLetter: string;
  sex: 'm' | 'f';
  instructionLanguage: 'kk' | 'ru';
}

export function fakePupils(count: number, seed = 96): FakePupil[] {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  return Array.from({ length: count }, (_, i) => {
    const sex = rnd() < 0.5 ? 'm' : 'f';
    const grade = 1 + (i % 11);
    return {
      lastName: pick(sex === 'm' ? SURNAMES_M : SURNAMES_F),
      firstName: pick(sex === 'm' ? NAMES_M : NAMES_F),
      grade,
      classLetter: pick(LETTERS),
      sex,
      instructionLanguage: rnd() < 0.8 ? 'kk' : 'ru',
    };
  });
}

/** Inserts pupils straight into the open DB in one transaction (bulk seeding, not a user action). */
export async function insertPupils(core: Core, pupils: FakePupil[], now: Date): Promise<void> {
  const at = now.toISOString();
  const statuses = ['large', 'single_parent', 'low_income'] as const;
  await core.state.db.transaction().execute(async (trx) => {
    for (const [i, p] of pupils.entries()) {
      await trx
        .insertInto('pupils')
        .values({
          id: crypto.randomUUID(),
          iin: null,
          last_name: p.lastName,
          first_name: p.firstName,
          middle_name: '',
          birth_date: null,
          sex: p.sex,
          grade: p.grade,
          class_letter: p.classLetter,
          instruction_language: p.instructionLanguage,
          family_status: JSON.stringify(i % 7 === 0 ? [statuses[i % 3]] : []),
          on_register: i % 41 === 0 ? 1 : 0,
          archived: 0,
          created_at: at,
          updated_at: at,
        })
        .execute();
    }
  });
  // the welfare fields go into the protection compartment (the director's session holds its key)
  await sealPlaintextPupils(core.state);
}

async function call(core: Core, method: string, input: unknown): Promise<unknown> {
  const r = await core.invoke(method, input);
  if (!r.ok) throw new Error(`demo: ${method} failed with ${r.error.code}`);
  return r.value;
}

export interface DemoResult {
  dataDir: string;
  recoveryKey: string;
  login: string;
  password: string;
}

/** Extra demo content from features (plans, documents …), run with the director logged in. */
export type DemoSeeder = (core: Core, now: Date) => Promise<void>;

/**
 * Creates the demo school in `platform.dataDir` (which must be empty or absent, or `reset` given).
 * Leaves the core locked and disposed.
 */
export async function createDemoSchool(platform: Platform, options: { reset?: boolean; pupils?: number; seeders?: DemoSeeder[] } = {}): Promise<DemoResult> {
  if (fs.existsSync(platform.dataDir) && fs.readdirSync(platform.dataDir).length > 0) {
    if (!options.reset) throw new Error(`the demo folder is not empty: ${platform.dataDir}`);
    fs.rmSync(platform.dataDir, { recursive: true, force: true });
  }
  const core = createCore({ ...platform, demo: true });
  try {
    const [first, ...rest] = DEMO_ACCOUNTS;
    if (!first) throw new Error('no demo accounts');
    const setup = (await call(core, 'auth.setup', {
      language: 'kk',
      school: DEMO_SCHOOL,
      account: { ...first, password: DEMO_PASSWORD },
    })) as { recoveryKey: string };
    await call(core, 'auth.confirmRecoveryStored', {});
    for (const a of rest) await call(core, 'accounts.create', { ...a, password: DEMO_PASSWORD, language: 'kk' });
    const now = platform.now();
    await insertPupils(core, fakePupils(options.pupils ?? 330), now);
    // the demo class teacher leads the 7th grade classes (class scope: they see only those pupils)
    const accounts = (await call(core, 'accounts.list', {})) as { id: string; login: string }[];
    const teacher = accounts.find((a) => a.login === 'teacher');
    const classes = ((await call(core, 'accounts.schoolClasses', {})) as { grade: number; letter: string }[]).filter((c) => c.grade === 7);
    if (teacher) await call(core, 'accounts.setClasses', { id: teacher.id, classes });
    for (const seed of options.seeders ?? []) await seed(core, now);
    await call(core, 'auth.lock', {});
    return { dataDir: platform.dataDir, recoveryKey: setup.recoveryKey, login: first.login, password: DEMO_PASSWORD };
  } finally {
    await core.dispose();
  }
}
