/** A guardian's chronology line in the reader's language (the `guardian` message of chronology/messages.ts). */
import type { GuardianRelation } from '../../../shared/guardians';
import type { Language } from '../../../shared/roles';

const RELATION: Record<Language, Record<GuardianRelation, string>> = {
  kk: { mother: 'Анасы', father: 'Әкесі', grandparent: 'Атасы не әжесі', guardian: 'Қамқоршысы', trustee: 'Қорғаншысы', other: 'Басқа' },
  ru: { mother: 'Мать', father: 'Отец', grandparent: 'Дедушка или бабушка', guardian: 'Опекун', trustee: 'Попечитель', other: 'Другое' },
};
const LEGAL: Record<Language, string> = { kk: 'заңды өкіл', ru: 'законный представитель' };

export function guardianLine(lang: Language, m: { relation: GuardianRelation; name: string; legal: boolean }): string {
  return `${RELATION[lang][m.relation]}: ${m.name}${m.legal ? ` (${LEGAL[lang]})` : ''}`;
}
