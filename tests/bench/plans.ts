/**
 * Plan figures on the demo school with a 200-item plan: open it through the registry (target ≤ 50 ms), render it
 * unsigned, and issue its signed PDF into the register (target ≤ 1.5 s). Medians; targets are noted, never asserted.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api';
import type { Plan } from '../../shared/plans';
import { createCore, type Core } from '../../electron/core/api';
import { createDemoSchool } from '../../electron/core/demo/school';
import { nodePlatform } from '../../scripts/node-platform';
import { median, type BenchRow } from './types';

async function call<M extends MethodName>(core: Core, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const r = await core.invoke(method, input);
  if (!r.ok) throw new Error(`bench plans: ${method} failed with ${r.error.code}`);
  return r.value as MethodOutput<M>;
}

const ITEMS = 200;

/** A 200-item plan in 8 sections (one with subsections), items linked to Decree 748, approved. */
async function bigPlan(core: Core): Promise<Plan> {
  let plan = await call(core, 'plans.create', { academicYear: 2025, from: { kind: 'empty' } });
  const fw = await call(core, 'frameworks.get', { code: 'decree-748' });
  for (let s = 0; s < 8; s++) {
    plan = await call(core, 'plans.addSection', { planId: plan.id, titleKk: `${s + 1}-бөлім: профилактикалық шаралар`, titleRu: `Раздел ${s + 1}: профилактические меры` });
  }
  const top = plan.sections.filter((s) => s.parentId === null);
  plan = await call(core, 'plans.addSection', { planId: plan.id, parentId: top[1]!.id, titleKk: 'Қысқа мерзімді шаралар', titleRu: 'Краткосрочные меры' });
  const sections = plan.sections.map((s) => s.id);
  for (let i = 0; i < ITEMS; i++) {
    plan = await call(core, 'plans.addItem', {
      sectionId: sections[i % sections.length]!,
      fields: {
        measureKk: `Білім алушылармен, ата-аналармен және педагогтермен зорлық-зомбылықтың, буллингтің алдын алу бойынша ${i + 1}-іс-шара`,
        measureRu: `Мероприятие ${i + 1} по профилактике насилия и буллинга с обучающимися, родителями и педагогами`,
        completionFormKk: 'ақпарат',
        completionFormRu: 'информация',
        deadlineKk: 'тоқсан сайын',
        deadlineRu: 'ежеквартально',
        dueMonths: [10, 12, 3, 5],
        responsibleRoles: ['deputy_director', 'psychologist', 'class_teacher'],
        responsibleBodies: i % 3 === 0 ? ['ЖАО'] : [],
        targetGroup: { grades: [5, 6, 7, 8, 9], parents: i % 2 === 0, teachers: i % 5 === 0 },
        costKk: 'талап етілмейді',
        costRu: 'не требуется',
        fundingKk: '-',
        fundingRu: '-',
        frameworkItemIds: [fw.items[i % fw.items.length]!.id],
      },
    });
  }
  return call(core, 'plans.approve', { id: plan.id, approvedOn: '2025-09-01' });
}

export async function benchPlans(): Promise<BenchRow[]> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'qorgan-bench-plans-'));
  const platform = nodePlatform(path.join(work, 'demo'));
  try {
    const demo = await createDemoSchool(platform, { pupils: 50 });
    const core = createCore(platform);
    try {
      await call(core, 'auth.login', { login: demo.login, password: demo.password });
      const plan = await bigPlan(core);
      if (plan.items.length !== ITEMS) throw new Error('bench plans: wrong item count');
      const cert = await call(core, 'documents.certificates.create', {
        position: '№96 мектеп директоры',
        organization: 'Қарасақал Ерімбет атындағы №96 мектеп (демо)',
        password: 'bench signing password',
      });
      const signer = { certificateId: cert.id, password: 'bench signing password' };
      const open = await median(() => call(core, 'plans.get', { id: plan.id }), 21, 3);
      const progress = await median(() => call(core, 'plans.progress', { planId: plan.id, today: '2026-03-15' }), 11, 2);
      const preview = await median(() => call(core, 'plans.previewPdf', { id: plan.id, language: 'kk' }), 5, 1);
      const signed = await median(() => call(core, 'plans.signPdf', { id: plan.id, language: 'kk', signer }), 5, 1);
      return [
        { name: `open a ${ITEMS}-item plan (plans.get)`, medianMs: open, runs: 21, note: 'target ≤ 50 ms' },
        { name: `progress per section, ${ITEMS} items × 3 quarters`, medianMs: progress, runs: 11 },
        { name: `${ITEMS}-item plan PDF, unsigned preview`, medianMs: preview, runs: 5 },
        {
          name: `${ITEMS}-item plan PDF, signed into the register (plans.signPdf)`,
          medianMs: signed,
          runs: 5,
          note: `target ≤ 1.5 s; signed/unsigned ${(signed / preview).toFixed(2)}×`,
        },
      ];
    } finally {
      await core.dispose();
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
