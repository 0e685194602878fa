/**
 * The Ask Suicide-Screening Questions (ASQ) tool, as data.
 *
 * Source: National Institute of Mental Health (NIMH), "Ask Suicide-Screening Questions (ASQ) Toolkit",
 * https://www.nimh.nih.gov/research/research-conducted-at-nimh/asq-toolkit-materials — a public-domain tool of the
 * US Government, free to use. The English wording below is NIMH's. The Kazakh and Russian wording is OUR
 * translation for Qorgan (not an official NIMH translation); a school may correct it here. The Columbia scale
 * (C-SSRS) is deliberately not included: its electronic use needs a licence.
 *
 * How NIMH scores it: if the young person answers "no" to all of questions 1–4, the screen is negative (question 5
 * is not asked). A "yes" to any of 1–4 — or a refusal to answer — makes it positive, and question 5 (the acuity
 * question) is asked. "Yes" to question 5 is an acute positive: an imminent risk that needs a full safety
 * evaluation now; the young person is not left alone.
 */

export const ASQ_SOURCE = {
  name: 'Ask Suicide-Screening Questions (ASQ), National Institute of Mental Health (NIMH), public domain',
  url: 'https://www.nimh.nih.gov/research/research-conducted-at-nimh/asq-toolkit-materials',
  translationKk: 'Қазақша мәтін — Qorgan аудармасы (NIMH-тің ресми аудармасы емес).',
  translationRu: 'Русский текст — перевод Qorgan (не официальный перевод NIMH).',
} as const;

export const ASQ_QUESTIONS = ['q1', 'q2', 'q3', 'q4', 'q5'] as const;
export type AsqQuestion = (typeof ASQ_QUESTIONS)[number];
/** questions 1–4; question 5 is the acuity question */
export const ASQ_SCREEN_QUESTIONS = ['q1', 'q2', 'q3', 'q4'] as const satisfies readonly AsqQuestion[];

export const ASQ_TEXT: Record<AsqQuestion, { en: string; kk: string; ru: string }> = {
  q1: {
    en: 'In the past few weeks, have you wished you were dead?',
    kk: 'Соңғы бірнеше аптада өзіңнің өлгеніңді қалаған кезің болды ма?',
    ru: 'За последние несколько недель тебе хотелось умереть?',
  },
  q2: {
    en: 'In the past few weeks, have you felt that you or your family would be better off if you were dead?',
    kk: 'Соңғы бірнеше аптада сен өлсең, өзіңе немесе отбасыңа жақсырақ болар еді деп ойлаған кезің болды ма?',
    ru: 'За последние несколько недель было ли у тебя чувство, что тебе или твоей семье было бы лучше, если бы тебя не стало?',
  },
  q3: {
    en: 'In the past week, have you been having thoughts about killing yourself?',
    kk: 'Соңғы бір аптада өзіңді-өзің өлтіру туралы ойлар мазалады ма?',
    ru: 'За последнюю неделю у тебя были мысли о том, чтобы убить себя?',
  },
  q4: {
    en: 'Have you ever tried to kill yourself? If yes, how? When?',
    kk: 'Бұрын-соңды өзіңді-өзің өлтіруге әрекет жасап көрдің бе? Иә болса — қалай және қашан?',
    ru: 'Ты когда-нибудь пытался(-ась) убить себя? Если да — как и когда?',
  },
  q5: {
    en: 'Are you having thoughts of killing yourself right now?',
    kk: 'Дәл қазір өзіңді-өзің өлтіру туралы ойларың бар ма?',
    ru: 'Есть ли у тебя мысли убить себя прямо сейчас?',
  },
};
