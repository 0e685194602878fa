import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { registry } from '../../electron/core/api';
import type { MethodName } from '../../shared/api';
import { BACKUP_ROLES } from '../../shared/backup';
import * as permissions from '../../shared/permissions';

/**
 * The role lists of shared/permissions.ts are the ones the core's registry checks (the very same arrays), and the
 * screens take them from there instead of retyping role names.
 */

const uses: Record<keyof typeof permissions, MethodName[]> = {
  PLAN_EDITORS: ['plans.create', 'plans.addItem', 'plans.setCalendar', 'plansIo.importPreview', 'plansIo.importCommit'],
  PLAN_EXECUTORS: ['plans.setExecution', 'plans.addEvidence'],
  PLAN_APPROVERS: ['plans.approve', 'plans.signPdf'],
  PLAN_REVISERS: ['plans.startRevision'],
  REPORT_ISSUERS: ['plans.quarterlyReport'],
  FRAMEWORK_IMPORTERS: ['frameworks.import'],
  PUPIL_READERS: ['pupils.list'],
  PUPIL_EDITORS: ['pupils.create', 'pupils.archive', 'pupils.restore'],
  GUARDIAN_EDITORS: ['guardians.create', 'guardians.update', 'guardians.remove'],
  PUPIL_PROMOTERS: ['pupils.promotePreview', 'pupils.promote'],
  PUPIL_IMPORTERS: ['pupilsImport.preview', 'pupilsImport.commit'],
  ACCOUNT_READERS: ['accounts.list', 'accounts.get'],
  ACCOUNT_ADMINS: ['accounts.create'],
  AUDIT_READERS: ['audit.list'],
  SETTINGS_EDITORS: ['settings.update'],
  SCHOOL_EDITORS: ['school.update'],
  RECOVERY_KEY_MAKERS: ['auth.newRecoveryKey'],
  COUNCIL_READERS: ['council.roster', 'council.meetings.list', 'council.meetings.get'],
  COUNCIL_APPOINTERS: ['council.staff', 'council.members.save', 'council.officers.set'],
  COUNCIL_PUPIL_READERS: ['council.pupilHearings'],
  COUNCIL_WRITERS: ['council.meetings.create', 'council.agenda.saveItem', 'council.minutes.issue'],
  REGISTER_READERS: ['register.list', 'register.forPupil', 'register.grounds'],
  REGISTER_EDITORS: ['register.putOn', 'register.takeOff', 'register.review', 'register.saveMeasure', 'register.saveExternal'],
  REGISTER_GROUND_EDITORS: ['register.saveGrounds'],
  REGISTER_PLAN_SIGNERS: ['register.signPlan'],
  CONCERN_AUTHORS: ['concerns.log', 'concerns.mine', 'cases.myTasks', 'cases.setTaskDone'],
  CASE_WORKERS: ['concerns.triage', 'cases.create', 'cases.update', 'cases.addTask', 'cases.addNote', 'cases.addContact', 'cases.close', 'cases.reopen'],
  CASE_READERS: ['concerns.inbox', 'concerns.get', 'cases.list', 'cases.get', 'cases.forPupil', 'cases.staff'],
  CASE_CLOSURE_APPROVERS: ['cases.decideClosure', 'cases.setSettings'],
  BULLYING_SETTINGS_EDITORS: ['bullying.setSettings'],
  SCREENERS: ['screening.record', 'screening.answerLine', 'screening.closeChecklist', 'safetyPlan.save', 'safetyPlan.print'],
  SCREENING_READERS: ['screening.forCase'],
  REFERRAL_READERS: ['referrals.list', 'referrals.forCase', 'referrals.get'],
  REFERRAL_WORKERS: ['referrals.create', 'referrals.update', 'referrals.send', 'referrals.setDue', 'referrals.setStatus', 'referrals.answer'],
  REFERRAL_SIGNERS: ['referrals.letter'],
  // not an access list: the roles that pass the retire guard without holding the certificate (checked below)
  CERTIFICATE_RETIRERS: [],
  CHRONOLOGY_READERS: ['chronology.list'],
  WORK_LIST_READERS: ['worklists.list', 'worklists.counts'],
  // the bypass of the work lists' "own work only" guard (checked below)
  WORK_OVERSEERS: [],
  // screens only: whose home screen opens with the work lists
  WORK_HOME_ROLES: [],
  STATISTICS_READERS: ['statistics.get', 'statistics.saveXlsx'],
  DISTRICT_REPORTERS: ['district.settings', 'district.issue', 'district.reports', 'district.file'],
  DISTRICT_MERGERS: ['district.schools', 'district.registerSchool', 'district.import', 'district.summary', 'district.summaryXlsx'],
  RECORD_PURGERS: ['retention.due', 'retention.preview', 'retention.purge'],
};

describe('one source for who may do what', () => {
  for (const [name, methods] of Object.entries(uses)) {
    it(`${name} is the list the registry checks for ${methods.join(', ')}`, () => {
      const list = permissions[name as keyof typeof permissions];
      expect(list.length).toBeGreaterThan(0);
      for (const m of methods) {
        expect(registry[m], m).toBeDefined();
        expect(registry[m].access, m).toBe(list);
      }
    });
  }

  it('CERTIFICATE_RETIRERS is the bypass of the registry guard of documents.certificates.retire', () => {
    expect(registry['documents.certificates.retire'].guard?.bypass).toBe(permissions.CERTIFICATE_RETIRERS);
  });

  it('WORK_OVERSEERS is the bypass of the work lists\' own-work guard', () => {
    expect(registry['worklists.list'].guard?.bypass).toBe(permissions.WORK_OVERSEERS);
    expect(registry['worklists.counts'].guard?.bypass).toBe(permissions.WORK_OVERSEERS);
  });

  it('the screens use no role literals in useHasRole or in the routes', () => {
    const dir = path.resolve(import.meta.dirname, '../../renderer/src');
    const offenders: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.tsx?$/.test(e.name)) {
          const text = fs.readFileSync(p, 'utf8');
          if (/useHasRole\(\s*'/.test(text)) offenders.push(path.relative(dir, p));
        }
      }
    };
    walk(dir);
    expect(offenders).toEqual([]);
    // the routes decide what the navigation shows; their role lists come from shared/ too
    expect(fs.readFileSync(path.join(dir, 'app/routes.tsx'), 'utf8')).not.toMatch(/roles:\s*\[\s*'/);
    expect(BACKUP_ROLES.length).toBeGreaterThan(0);
  });
});
