/**
 * The backup screen's offer (issue 14, item 3): when the district report for the last ended quarter has been
 * issued, "also put the district report (JSON + PDF) on the stick". Ticked, the report's two signed files are
 * written into the same folder or drive once the backup has been written and verified — a separate step, so a full
 * stick fails only the report (a translated error says the backup itself is whole) and never the backup.
 * Shown only to those who may both make backups and read the district report (DISTRICT_REPORT_CARRIERS), in a school's
 * install.
 */
import { Alert, Checkbox, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { ErrorAlert } from '../../app/errors';
import { useSession } from '../../app/session';
import { useCan } from '../../app/capabilities';

export function DistrictReportOnStick(props: { target: string | null; finishedJobId: string | null; disabled: boolean }) {
  const may = useCan('districtReportCarry');
  // a district office's install issues no report of its own
  const school = useSession().status.mode !== 'district';
  return may && school ? <Offer {...props} /> : null;
}

function Offer({ target, finishedJobId, disabled }: { target: string | null; finishedJobId: string | null; disabled: boolean }) {
  const { t } = useTranslation();
  const latest = useApiQuery('districtReport.latest', {}, { retry: false });
  const [checked, setChecked] = useState(true);
  const toStick = useApiMutation('districtReport.toStick');
  const handled = useRef<string | null>(null);
  const report = latest.data?.report ?? null;

  // once per finished backup: the report goes into the folder the backup went to
  useEffect(() => {
    if (!finishedJobId || handled.current === finishedJobId) return;
    handled.current = finishedJobId;
    if (checked && report && target) toStick.mutate({ id: report.id, targetDir: target });
  }, [finishedJobId, checked, report, target, toStick]);

  if (!latest.data || !report) return null;
  const period = `${t('statistics.yearLabel', { y: report.academicYear, next: report.academicYear + 1 })}, ${t('statistics.quarterN', { n: report.quarter ?? 0 })}`;
  return (
    <>
      <Checkbox
        checked={checked}
        onChange={(e) => setChecked(e.currentTarget.checked)}
        disabled={disabled}
        label={t('backup.districtReport.offer')}
        description={t('backup.districtReport.hint', { period })}
        data-testid="backup-district-report"
      />
      {toStick.data && (
        <Alert color="green" variant="light" data-testid="backup-district-written">
          <Text size="sm">{t('backup.districtReport.written', { files: toStick.data.files.join(', ') })}</Text>
        </Alert>
      )}
      <ErrorAlert error={toStick.error} />
    </>
  );
}
