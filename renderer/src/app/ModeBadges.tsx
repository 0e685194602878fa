/**
 * The header's badges that say what kind of install this is: the demo school, a district office's install
 * (shared/install-mode.ts: no pupils, no cases). The full text from a width on; below it a short one, with the full
 * text as its tooltip, so the header never cuts it.
 */
import { Badge, Box, Tooltip, type MantineColor } from '@mantine/core';
import { useTranslation } from 'react-i18next';

function ModeBadge({ color, label, short, fullFrom, testId }: { color: MantineColor; label: string; short: string; fullFrom: 'lg' | 'xl'; testId: string }) {
  return (
    <Tooltip label={label} hiddenFrom={fullFrom}>
      <Badge color={color} variant="light" size="lg" style={{ textTransform: 'none', flexShrink: 0 }} data-testid={testId}>
        <Box component="span" visibleFrom={fullFrom}>
          {label}
        </Box>
        <Box component="span" hiddenFrom={fullFrom}>
          {short}
        </Box>
      </Badge>
    </Tooltip>
  );
}

/** The demo school (the full text from 1408 px on). */
export function DemoBadge() {
  const { t } = useTranslation();
  return <ModeBadge color="orange" label={t('app.demo')} short={t('app.demoShort')} fullFrom="xl" testId="demo-badge" />;
}

/** A district office's install. */
export function DistrictBadge() {
  const { t } = useTranslation();
  return <ModeBadge color="indigo" label={t('district.modeBadge')} short={t('district.modeBadgeShort')} fullFrom="lg" testId="district-mode-badge" />;
}
