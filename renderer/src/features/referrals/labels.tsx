/** Small display helpers of the referrals' screens. */
import { Badge } from '@mantine/core';
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ReferralListItem, ReferralStatus } from '../../../../shared/referrals';

/** DD.MM.YYYY, or '' for none. */
export function day(d: string | null): string {
  return d ? dayjs(d).format('DD.MM.YYYY') : '';
}

/** The agency's type and, when the session may read it, its name as printed. */
export function agencyText(t: TFunction, r: Pick<ReferralListItem, 'agencyType' | 'agency'>): string {
  const type = r.agencyType ? t(`referrals.agency.${r.agencyType}`) : t('referrals.noAgency');
  return r.agency?.name ? `${type} · ${r.agency.name}` : type;
}

const COLORS: Record<ReferralStatus, string> = {
  draft: 'gray',
  sent: 'blue',
  accepted: 'teal',
  rejected: 'orange',
  done: 'green',
  withdrawn: 'dark',
};

export function StatusBadge({ status }: { status: ReferralStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLORS[status]} variant="light" style={{ textTransform: 'none' }} data-testid="referral-status-badge">
      {t(`referrals.status.${status}`)}
    </Badge>
  );
}
