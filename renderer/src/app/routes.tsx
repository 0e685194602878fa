/**
 * The one list of screens, and the route tree of the router (TanStack Router) made from it. The navigation, the
 * help, the home cards and the role checks all read `routes`; the router reads `routeTree`. To add a screen, add an
 * entry here (see README.md beside this file). A screen is shown when the session holds its `access` capability
 * (shared/capabilities.ts: the core's answer for the screen's main method, so the navigation cannot drift from the
 * registry); the core checks permissions again on every call. A path the session may not use goes home, in
 * `beforeLoad` and again in the layout.
 */
import type { ComponentType } from 'react';
import { createRootRouteWithContext, createRoute, redirect, type RouteComponent } from '@tanstack/react-router';
import type { z } from 'zod';
import {
  IconBooks,
  IconChartBar,
  IconChecklist,
  IconFolders,
  IconInbox,
  IconMessageReport,
  IconClipboardList,
  IconFileCertificate,
  IconFileImport,
  IconBuildingCommunity,
  IconFileSearch,
  IconGavel,
  IconKey,
  IconLifebuoy,
  IconHome,
  IconListDetails,
  IconShieldCheck,
  IconMoodKid,
  IconSchool,
  IconDeviceFloppy,
  IconSend,
  IconSettings,
  IconUsers,
  type Icon,
} from '@tabler/icons-react';
import type { Capabilities, CapabilityName } from '../../../shared/capabilities';
import type { InstallMode } from '../../../shared/install-mode';
import { DistrictImportScreen } from '../features/district/ImportScreen';
import { DistrictSchoolsScreen } from '../features/district/SchoolsScreen';
import { DistrictSummaryScreen } from '../features/district/SummaryScreen';
import { AccountsScreen } from '../features/accounts/AccountsScreen';
import { AuditScreen } from '../features/audit/AuditScreen';
import { CouncilScreen } from '../features/council/CouncilScreen';
import { MeetingScreen } from '../features/council/MeetingScreen';
import { CertificatesScreen } from '../features/documents/CertificatesScreen';
import { DocumentsScreen } from '../features/documents/DocumentsScreen';
import { VerifyScreen } from '../features/documents/VerifyScreen';
import { FrameworksScreen } from '../features/frameworks/FrameworksScreen';
import { PlanScreen } from '../features/plans/PlanScreen';
import { PlansScreen } from '../features/plans/PlansScreen';
import { PupilsScreen } from '../features/pupils/PupilsScreen';
import { PupilCard } from '../features/pupils/card/PupilCard';
import { ConcernsNavBadge, WorkNavBadge, WorkScreen } from '../features/worklists/WorkLists';
import { RegisterScreen } from '../features/register/RegisterScreen';
import { ReferralsScreen } from '../features/referrals/ReferralsScreen';
import { SchoolScreen } from '../features/school/SchoolScreen';
import { BackupScreen } from '../features/backup/BackupScreen';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { StatisticsScreen } from '../features/statistics/StatisticsScreen';
import { HomeScreen } from './HomeScreen';
import { CaseScreen } from '../features/cases/CaseScreen';
import { ReferenceScreen } from '../features/reference/Reference';
import { CasesScreen } from '../features/cases/CasesScreen';
import { ConcernsScreen } from '../features/cases/ConcernsScreen';
import { InboxScreen } from '../features/cases/InboxScreen';
import { searchSchemas } from './search';

export interface AppRoute {
  /** hash path, e.g. '/accounts' */
  path: string;
  /** i18n key of the navigation label and the page title */
  labelKey: string;
  icon: Icon;
  /** who sees it: 'all' = every logged-in account, else the sessions holding this capability (its main method) */
  access: 'all' | CapabilityName;
  component: RouteComponent;
  /** shown in the navigation (false for detail screens reached from another screen) */
  nav?: boolean;
  /** a small live count beside the navigation label (e.g. overdue work) */
  badge?: ComponentType;
  /** the installs it exists in (shared/install-mode.ts); default: a school's only */
  modes?: readonly InstallMode[];
}

const BOTH: readonly InstallMode[] = ['school', 'district'];
const DISTRICT: readonly InstallMode[] = ['district'];

/**
 * The router's context: what the logged-in session may do (`capabilities.mine`; null until the core answered), in
 * which install (App passes it to the RouterProvider).
 */
export interface RouterContext {
  can: Capabilities | null;
  mode: InstallMode;
}

declare module '@tanstack/react-router' {
  interface StaticDataRouteOption {
    /** the entry of `routes` a route was made from */
    screen?: AppRoute;
  }
}

/** The root of the tree: its component (the layout) is set where the router is made (`appRouter.tsx`). */
export const rootRoute = createRootRouteWithContext<RouterContext>()();

/** a path the session (or this install) may not use goes home, before the screen loads */
function guard(meta: AppRoute) {
  return ({ context }: { context: RouterContext }) => {
    if (!canUse(meta, context.can, context.mode)) throw redirect({ to: '/', replace: true });
  };
}

/** a screen without search params */
function screen<const TPath extends string>(meta: AppRoute & { path: TPath }) {
  return createRoute({
    getParentRoute: () => rootRoute,
    path: meta.path,
    component: meta.component,
    staticData: { screen: meta },
    beforeLoad: guard(meta),
  });
}

/** a screen with typed search params (`#/case?id=…`): `schema` from search.ts validates them */
function detail<const TPath extends string, TSchema extends z.ZodType<Record<string, unknown>, Record<string, unknown>>>(meta: AppRoute & { path: TPath }, schema: TSchema) {
  return createRoute({
    getParentRoute: () => rootRoute,
    path: meta.path,
    component: meta.component,
    validateSearch: schema,
    staticData: { screen: meta },
    beforeLoad: guard(meta),
  });
}

const screens = [
  screen({ path: '/', labelKey: 'nav.home', icon: IconHome, access: 'all', component: HomeScreen, modes: BOTH }),
  // a district office's install: its schools, their reports merged, the consolidated view
  screen({ path: '/district', labelKey: 'nav.districtSummary', icon: IconChartBar, access: 'districtRead', component: DistrictSummaryScreen, modes: DISTRICT }),
  screen({ path: '/district/import', labelKey: 'nav.districtImport', icon: IconFileImport, access: 'districtRead', component: DistrictImportScreen, modes: DISTRICT }),
  screen({ path: '/district/schools', labelKey: 'nav.districtSchools', icon: IconBuildingCommunity, access: 'districtRead', component: DistrictSchoolsScreen, modes: DISTRICT }),
  screen({ path: '/pupils', labelKey: 'nav.pupils', icon: IconMoodKid, access: 'pupilsRead', component: PupilsScreen }),
  detail({ path: '/pupil', labelKey: 'nav.pupil', icon: IconMoodKid, access: 'pupilsRead', component: PupilCard, nav: false }, searchSchemas.pupil),
  screen({ path: '/work', labelKey: 'nav.work', icon: IconChecklist, access: 'workRead', component: WorkScreen, badge: WorkNavBadge }),
  detail({ path: '/register', labelKey: 'nav.register', icon: IconShieldCheck, access: 'registerRead', component: RegisterScreen }, searchSchemas.register),
  screen({ path: '/concerns', labelKey: 'nav.concerns', icon: IconMessageReport, access: 'concernLog', component: ConcernsScreen }),
  detail({ path: '/concerns/inbox', labelKey: 'nav.concernInbox', icon: IconInbox, access: 'casesRead', component: InboxScreen, badge: ConcernsNavBadge }, searchSchemas.inbox),
  screen({ path: '/cases', labelKey: 'nav.cases', icon: IconFolders, access: 'casesRead', component: CasesScreen }),
  screen({ path: '/referrals', labelKey: 'nav.referrals', icon: IconSend, access: 'referralsRead', component: ReferralsScreen }),
  detail({ path: '/case', labelKey: 'nav.case', icon: IconFolders, access: 'concernLog', component: CaseScreen, nav: false }, searchSchemas.case),
  screen({ path: '/reference', labelKey: 'nav.reference', icon: IconLifebuoy, access: 'all', component: ReferenceScreen }),
  screen({ path: '/plans', labelKey: 'nav.plans', icon: IconClipboardList, access: 'all', component: PlansScreen }),
  detail({ path: '/plan', labelKey: 'nav.plan', icon: IconClipboardList, access: 'all', component: PlanScreen, nav: false }, searchSchemas.plan),
  screen({ path: '/statistics', labelKey: 'nav.statistics', icon: IconChartBar, access: 'statisticsRead', component: StatisticsScreen }),
  detail({ path: '/council', labelKey: 'nav.council', icon: IconGavel, access: 'councilRead', component: CouncilScreen }, searchSchemas.council),
  detail({ path: '/council/meeting', labelKey: 'nav.councilMeeting', icon: IconGavel, access: 'councilRead', component: MeetingScreen, nav: false }, searchSchemas.meeting),
  screen({ path: '/documents', labelKey: 'nav.documents', icon: IconFileCertificate, access: 'all', component: DocumentsScreen }),
  screen({ path: '/documents/verify', labelKey: 'nav.verify', icon: IconFileSearch, access: 'all', component: VerifyScreen }),
  screen({ path: '/documents/certificates', labelKey: 'nav.certificates', icon: IconKey, access: 'all', component: CertificatesScreen }),
  detail({ path: '/frameworks', labelKey: 'nav.frameworks', icon: IconBooks, access: 'all', component: FrameworksScreen }, searchSchemas.frameworks),
  screen({ path: '/school', labelKey: 'nav.school', icon: IconSchool, access: 'schoolEdit', component: SchoolScreen, modes: BOTH }),
  screen({ path: '/accounts', labelKey: 'nav.accounts', icon: IconUsers, access: 'accountsManage', component: AccountsScreen, modes: BOTH }),
  screen({ path: '/audit', labelKey: 'nav.audit', icon: IconListDetails, access: 'auditRead', component: AuditScreen, modes: BOTH }),
  screen({ path: '/backup', labelKey: 'nav.backup', icon: IconDeviceFloppy, access: 'backupRun', component: BackupScreen, modes: BOTH }),
  screen({ path: '/settings', labelKey: 'nav.settings', icon: IconSettings, access: 'all', component: SettingsScreen, modes: BOTH }),
] as const;

/** the router's tree: every screen a child of the root (the layout) */
export const routeTree = rootRoute.addChildren(screens);

export const routes: readonly AppRoute[] = screens.map((r) => {
  const meta = r.options.staticData?.screen;
  if (!meta) throw new Error(`route ${r.id} has no screen`);
  return meta;
});

/** Whether a session with these capabilities (null: not answered yet, nothing) may open the screen in this install. */
export function canUse(route: Pick<AppRoute, 'access' | 'modes'>, can: Partial<Capabilities> | null, mode: InstallMode = 'school'): boolean {
  if (!(route.modes ?? ['school']).includes(mode)) return false;
  return route.access === 'all' || can?.[route.access] === true;
}

/** The screens of this session in this install (`AuthStatus.mode`; null, an older core: a school). */
export function routesFor(can: Partial<Capabilities> | null, mode: InstallMode | null = 'school'): AppRoute[] {
  return routes.filter((r) => canUse(r, can, mode ?? 'school'));
}

export function findRoute(path: string, can: Partial<Capabilities> | null, mode: InstallMode | null = 'school'): AppRoute | undefined {
  return routesFor(can, mode).find((r) => r.path === path);
}
