/**
 * react-i18next with Kazakh (default) and Russian. Every string the user sees comes from kk.json / ru.json;
 * a unit test (tests/unit/i18n.test.ts) checks both have the same keys and a translation for every error code.
 */
import dayjs from 'dayjs';
import localizedFormat from 'dayjs/plugin/localizedFormat';
import 'dayjs/locale/kk';
import 'dayjs/locale/ru';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../../shared/roles';
import kk from './kk.json';
import ru from './ru.json';

export const resources = { kk: { translation: kk }, ru: { translation: ru } } as const;

void i18n.use(initReactI18next).init({
  resources,
  lng: 'kk',
  fallbackLng: 'kk',
  supportedLngs: ['kk', 'ru'],
  interpolation: { escapeValue: false },
  returnNull: false,
});
dayjs.extend(localizedFormat);
dayjs.locale('kk');

export function setLanguage(lang: Language): void {
  if (i18n.language !== lang) void i18n.changeLanguage(lang);
  if (dayjs.locale() !== lang) dayjs.locale(lang);
  document.documentElement.lang = lang;
}

export function currentLanguage(): Language {
  return i18n.language === 'ru' ? 'ru' : 'kk';
}

export default i18n;
