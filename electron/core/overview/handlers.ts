/**
 * The home screen's one call. Open to every account: what it answers depends on the caller's roles (HOME_BLOCKS in
 * shared/permissions.ts), numbers and dates only, so it is a plain read (the lists behind the blocks audit their own
 * reads when opened).
 */
import { AppError } from '../errors';
import type { HandlersFor } from '../registry';
import { homeOverview } from './home';

export const overviewHandlers: HandlersFor<'overview'> = {
  'overview.home': {
    access: 'authenticated',
    kind: 'read',
    handler: async ({ db, core, now, session }) => {
      if (!session) throw new AppError('auth.not_logged_in', 'log in first');
      return homeOverview(db, core, session, now);
    },
  },
};
