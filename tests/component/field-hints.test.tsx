import { describe, expect, it } from 'vitest';
import { hintWithLimit, limitHint } from '../../renderer/src/app/fieldErrors';
import kk from '../../renderer/src/i18n/kk.json';
import i18n from '../../renderer/src/i18n';

// A long text field's description (the concern's "what happened", the triage answer): its hint alone, and the hint
// followed by the counter once the text nears the field's limit.
describe('hint with a limit', () => {
  it('keeps the hint, and adds the counter from 80 % of the limit on', async () => {
    await i18n.changeLanguage('kk');
    const t = i18n.t.bind(i18n);
    const counter = (n: number, max: number) => kk.common.counter.replace('{{n}}', String(n)).replace('{{max}}', String(max));
    expect(hintWithLimit(t, kk.cases.whatHint, 'қысқа', 100)).toBe(kk.cases.whatHint);
    expect(hintWithLimit(t, kk.cases.whatHint, 'x'.repeat(79), 100)).toBe(kk.cases.whatHint);
    expect(hintWithLimit(t, kk.cases.whatHint, 'x'.repeat(80), 100)).toBe(`${kk.cases.whatHint} · ${counter(80, 100)}`);
    // the same counter limitHint alone gives
    expect(limitHint(t, 'x'.repeat(80), 100)).toBe(counter(80, 100));
  });
});
