/**
 * The statistics as an Excel workbook: one sheet per topic, each a few small tables (what is counted, the counts,
 * the months). The labels are the screen's own translations (renderer/src/i18n/<lang>.json), so the workbook and
 * the charts name things the same way. Numbers only: no name, no id, no text of any record.
 */
import ExcelJS from 'exceljs';
import kk from '../../../renderer/src/i18n/kk.json';
import ru from '../../../renderer/src/i18n/ru.json';
import { monthLabelKey, statisticsLabelKey, type Count, type MonthRow, type Statistics, type StatisticsDimension } from '../../../shared/statistics';

type Lang = 'kk' | 'ru';
const DICTS: Record<Lang, unknown> = { kk, ru };

/** A translation by dotted key with {{var}} interpolation; the key itself when missing (a unit test checks none is). */
export function translate(lang: Lang, key: string, vars: Record<string, string | number> = {}): string {
  let node: unknown = DICTS[lang];
  for (const part of key.split('.')) {
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  }
  const text = typeof node === 'string' ? node : key;
  return text.replace(/\{\{(\w+)\}\}/gu, (_, v: string) => String(vars[v] ?? ''));
}

export function countLabel(lang: Lang, dimension: StatisticsDimension, key: string): string {
  return translate(lang, statisticsLabelKey(dimension, key), { n: key });
}

export function monthLabel(lang: Lang, month: string): string {
  return `${translate(lang, monthLabelKey(month))} ${month.slice(0, 4)}`;
}

const bold = { bold: true } as const;

class SheetWriter {
  private row = 1;
  constructor(
    private readonly ws: ExcelJS.Worksheet,
    private readonly lang: Lang,
  ) {
    ws.getColumn(1).width = 44;
    for (let c = 2; c <= 8; c++) ws.getColumn(c).width = 14;
  }
  t(key: string, vars?: Record<string, string | number>): string {
    return translate(this.lang, key, vars);
  }
  title(text: string): void {
    const r = this.ws.getRow(this.row++);
    r.getCell(1).value = text;
    r.getCell(1).font = { bold: true, size: 13 };
  }
  line(values: (string | number)[], header = false): void {
    const r = this.ws.getRow(this.row++);
    values.forEach((v, i) => {
      r.getCell(i + 1).value = v;
      if (header) r.getCell(i + 1).font = bold;
    });
  }
  gap(): void {
    this.row += 1;
  }
  counts(captionKey: string, dimension: StatisticsDimension, counts: Count[]): void {
    this.line([this.t(captionKey), this.t('statistics.columns.count')], true);
    for (const c of counts) this.line([countLabel(this.lang, dimension, c.key), c.count]);
    this.line([this.t('statistics.columns.total'), counts.reduce((s, c) => s + c.count, 0)], true);
    this.gap();
  }
  monthly<S extends string>(captionKey: string, series: readonly S[], rows: MonthRow<S>[]): void {
    this.line([this.t(captionKey), ...series.map((s) => this.t(`statistics.series.${s}`))], true);
    for (const r of rows) this.line([monthLabel(this.lang, r.month), ...series.map((s) => r.values[s])]);
    this.gap();
  }
}

export async function statisticsXlsx(s: Statistics, lang: Lang, schoolName: string, now: Date): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Qorgan';
  wb.created = now;
  const period = translate(lang, 'statistics.periodRange', { from: s.period.from, to: s.period.to });
  const sheet = (key: string) => {
    const w = new SheetWriter(wb.addWorksheet(translate(lang, key).slice(0, 31)), lang);
    w.title(`${translate(lang, key)} — ${schoolName}`);
    w.line([period]);
    w.gap();
    return w;
  };

  const c = sheet('statistics.topics.concerns');
  c.line([c.t('statistics.totals.logged'), s.concerns.logged], true);
  c.gap();
  c.counts('statistics.charts.concernsByHarm', 'harm', s.concerns.byHarm);
  c.counts('statistics.charts.concernsByStatus', 'concernStatus', s.concerns.byStatus);
  c.monthly('statistics.charts.concernsMonthly', ['logged'] as const, s.concerns.monthly);

  const k = sheet('statistics.topics.cases');
  k.line([k.t('statistics.totals.opened'), s.cases.opened], true);
  k.line([k.t('statistics.totals.closed'), s.cases.closed], true);
  k.line([k.t('statistics.totals.openAtEnd'), s.cases.openAtEnd], true);
  k.gap();
  k.counts('statistics.charts.casesByHarm', 'harm', s.cases.byHarm);
  k.counts('statistics.charts.casesByRisk', 'risk', s.cases.byRisk);
  k.counts('statistics.charts.casesByStage', 'stage', s.cases.byStage);
  k.counts('statistics.charts.casesByClosure', 'closure', s.cases.byClosure);
  k.counts('statistics.charts.casesByGrade', 'grade', s.cases.byGrade);
  k.counts('statistics.charts.casesBySex', 'sex', s.cases.bySex);
  k.monthly('statistics.charts.casesMonthly', ['opened', 'closed'] as const, s.cases.monthly);

  const r = sheet('statistics.topics.register');
  r.line([r.t('statistics.totals.on'), s.register.on], true);
  r.line([r.t('statistics.totals.off'), s.register.off], true);
  r.line([r.t('statistics.totals.onAtEnd'), s.register.onAtEnd], true);
  r.gap();
  r.counts('statistics.charts.registerByBody', 'body', s.register.byBody);
  r.counts('statistics.charts.registerByGrade', 'grade', s.register.byGrade);
  r.counts('statistics.charts.registerBySex', 'sex', s.register.bySex);
  r.monthly('statistics.charts.registerMonthly', ['on', 'off'] as const, s.register.monthly);

  const m = sheet('statistics.topics.council');
  m.line([m.t('statistics.totals.meetings'), s.council.meetings], true);
  m.line([m.t('statistics.totals.decisions'), s.council.decisions], true);
  m.gap();
  m.counts('statistics.charts.councilByStatus', 'meetingStatus', s.council.byStatus);
  m.counts('statistics.charts.councilByDecision', 'decision', s.council.byDecision);
  m.monthly('statistics.charts.councilMonthly', ['meetings', 'decisions'] as const, s.council.monthly);

  const p = sheet('statistics.topics.plan');
  if (!s.plan.hasPlan) p.line([p.t('statistics.noPlan', { year: s.plan.academicYear })]);
  else {
    const q = [1, 2, 3, 4].map((n) => p.t('statistics.quarterN', { n }));
    p.line([p.t('statistics.columns.section'), ...q, p.t('statistics.columns.total')], true);
    const cell = (x: { due: number; percent: number }) => (x.due === 0 ? '—' : `${x.percent} %`);
    for (const sec of s.plan.sections) {
      p.line([`${sec.number}. ${lang === 'kk' ? sec.titleKk : sec.titleRu}`, ...sec.quarters.map(cell), cell(sec.total)]);
    }
    p.gap();
    p.line([p.t('statistics.columns.quarter'), ...(['due', 'done', 'partly', 'notDone', 'unmarked'] as const).map((x) => p.t(`statistics.series.${x}`)), p.t('statistics.columns.percent')], true);
    for (const t of s.plan.total) p.line([p.t('statistics.quarterN', { n: t.quarter }), t.due, t.done, t.partly, t.notDone, t.unmarked, t.percent]);
  }

  if (s.referrals) {
    const f = sheet('statistics.topics.referrals');
    f.line([f.t('statistics.totals.referrals'), s.referrals.total], true);
    f.gap();
    f.counts('statistics.charts.referralsByAgency', 'agency', s.referrals.byAgency);
    f.counts('statistics.charts.referralsByStatus', 'referralStatus', s.referrals.byStatus);
    f.monthly('statistics.charts.referralsMonthly', ['sent'] as const, s.referrals.monthly);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
