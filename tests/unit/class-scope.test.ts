import { describe, expect, it } from 'vitest';
import { isClassScoped, normalizeLetter, pupilInClasses } from '../../electron/core/accounts/classes';
import { classLabel, parseClass } from '../../renderer/src/features/accounts/ClassesModal';

describe('who is class-scoped', () => {
  const readers = ['director', 'psychologist', 'class_teacher'] as const;
  it('a class teacher whose only granting role is class_teacher', () => {
    expect(isClassScoped(readers, ['class_teacher'])).toBe(true);
    // a role that does not grant the method does not widen the reach
    expect(isClassScoped(readers, ['class_teacher', 'administrator'])).toBe(true);
  });
  it('not when another role grants the method in full, nor for open or public methods', () => {
    expect(isClassScoped(readers, ['class_teacher', 'psychologist'])).toBe(false);
    expect(isClassScoped(readers, ['director'])).toBe(false);
    expect(isClassScoped(readers, ['administrator'])).toBe(false);
    expect(isClassScoped('authenticated', ['class_teacher'])).toBe(false);
    expect(isClassScoped('public', ['class_teacher'])).toBe(false);
  });
});

describe('class letters', () => {
  it('match whatever the case and surrounding spaces', () => {
    expect(normalizeLetter(' ә ')).toBe('Ә');
    expect(normalizeLetter('і')).toBe('І');
    expect(pupilInClasses({ grade: 7, classLetter: 'ә' }, [{ grade: 7, letter: 'Ә' }])).toBe(true);
    expect(pupilInClasses({ grade: 7, classLetter: 'А' }, [{ grade: 7, letter: 'Ә' }])).toBe(false);
    expect(pupilInClasses({ grade: 8, classLetter: 'Ә' }, [{ grade: 7, letter: 'Ә' }])).toBe(false);
    expect(pupilInClasses({ grade: 7, classLetter: 'Ә' }, [])).toBe(false);
  });

  it('the accounts screen reads "7 Ә", "7Ә", "7-ә", "11" and refuses the rest', () => {
    expect(parseClass('7 Ә')).toEqual({ grade: 7, letter: 'Ә' });
    expect(parseClass('7ә')).toEqual({ grade: 7, letter: 'Ә' });
    expect(parseClass(' 7-ә ')).toEqual({ grade: 7, letter: 'Ә' });
    expect(parseClass('11')).toEqual({ grade: 11, letter: '' });
    for (const bad of ['сегіз', '13 А', '7 АБВГД', '', 'А 7', '7 1']) expect(parseClass(bad), bad).toBeNull();
    expect(classLabel({ grade: 7, letter: 'Ә' })).toBe('7 Ә');
    expect(classLabel({ grade: 0, letter: '' })).toBe('0');
  });
});
