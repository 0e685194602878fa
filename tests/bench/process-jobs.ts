/**
 * The bench's one extra job for the core-process figure: a 200-item plan-style landscape PDF rendered and signed
 * (RSA 3072, visible stamp) — the same render and signature path as a signed plan — served as `bench.signedPlan`
 * beside the real registry. The backup needs no extra: it is the real `backup.start`.
 */
import crypto from 'node:crypto';
import type { Result } from '../../shared/errors';
import type { Platform } from '../../electron/core/platform';
import type { CoreClient } from '../../electron/core/host/protocol';
import { loadP12 } from '../../electron/core/documents/certificates';
import { examplePlan } from '../../electron/core/documents/examples';
import { renderAndSign } from '../../electron/core/documents/issue';

export const SIGNED_PLAN = 'bench.signedPlan';

export interface SignedPlanInput {
  p12: Uint8Array;
  password: string;
  items: number;
}

export function withBenchJobs(createCore: (platform: Platform) => CoreClient): (platform: Platform) => CoreClient {
  return (platform) => {
    const core = createCore(platform);
    return {
      onLock: (l) => core.onLock(l),
      dispose: () => core.dispose(),
      async invoke(method, input): Promise<Result<unknown>> {
        if (method !== SIGNED_PLAN) return core.invoke(method, input);
        const i = input as SignedPlanInput;
        const signer = loadP12(Buffer.from(i.p12), i.password);
        const now = platform.now();
        const pdf = await renderAndSign(
          {
            lang: 'kk',
            build: ({ stamps }) =>
              examplePlan('kk', { items: i.items, approverName: 'М.Қаншев', approverPosition: '№96 мектеп директоры', registerNumber: 'PL-1/2026', documentId: crypto.randomUUID(), stamps }),
          },
          [{ certificateId: null, p12: signer }],
          'PL-1/2026',
          crypto.randomUUID(),
          now,
        );
        return { ok: true, value: { bytes: pdf.pdf.length } };
      },
    };
  };
}
