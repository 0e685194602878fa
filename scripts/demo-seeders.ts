/** Each feature's demo content, run in order by createDemoSchool with the director logged in. */
import type { DemoSeeder } from '../electron/core/demo/school';

export const demoSeeders: DemoSeeder[] = [];
