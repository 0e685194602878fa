/**
 * One password rule (issue 13, item 4): the minimum and maximum live in shared/auth.ts, and every screen and schema
 * that takes a new password asks `passwordProblem`/`passwordSchema` instead of retyping the numbers.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordProblem, passwordSchema } from '../../shared/auth';

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

describe('the one password rule', () => {
  it('says what is wrong, the same as the contract', () => {
    const cases = ['', 'a'.repeat(PASSWORD_MIN_LENGTH - 1), 'a'.repeat(PASSWORD_MIN_LENGTH), 'пароль-ққ', 'a'.repeat(PASSWORD_MAX_LENGTH), 'a'.repeat(PASSWORD_MAX_LENGTH + 1)];
    expect(cases.map(passwordProblem)).toEqual(['too_short', 'too_short', null, null, null, 'too_long']);
    for (const pw of cases) expect(passwordSchema.safeParse(pw).success).toBe(passwordProblem(pw) === null);
  });

  it('is not retyped: no password length literal in the renderer or the contracts', () => {
    const root = path.join(__dirname, '../..');
    const offenders = [...sources(path.join(root, 'renderer/src')), ...sources(path.join(root, 'shared'))].filter((f) => {
      const text = fs.readFileSync(f, 'utf8');
      // "is it empty" (> 0, min(1)) is not the rule; a length of 2 or more is
      return /[pP]assword\w*\.length\s*[<>]=?\s*([2-9]|\d\d)/.test(text) || /[pP]assword\w*:\s*z\.string\(\)\.min\(([2-9]|\d\d)/.test(text);
    });
    expect(offenders.map((f) => path.relative(root, f))).toEqual([]);
  });
});
