/**
 * Verify any PDF: in the register or not, bytes unchanged or not, each signature intact and who signed. Who signed
 * is decided by key (the certificate's fingerprint and the signed signing-certificate-v2), never by the name or
 * serial number a certificate claims: anything else is an unknown signer, in red.
 */
import { Alert, Badge, Button, FileButton, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconFileSearch, IconKey, IconShieldCheck, IconShieldX, IconUserQuestion } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { SignatureReport, VerifyResult, VerifyVerdict } from '../../../../shared/documents';
import { useApiMutation } from '../../api/hooks';
import { ErrorAlert } from '../../app/errors';
import { fileToBase64 } from './files';
import { TEXT_WARNING } from '../../app/theme';

export function VerifyScreen() {
  const { t } = useTranslation();
  const verify = useApiMutation('documents.verify');
  const onFile = async (file: File | null) => {
    if (!file) return;
    verify.mutate({ pdfBase64: await fileToBase64(file) });
  };
  return (
    <Stack>
      <Text>{t('documents.verify.intro')}</Text>
      <Group>
        <FileButton onChange={(f) => void onFile(f)} accept="application/pdf,.pdf">
          {(props) => (
            <Button {...props} leftSection={<IconFileSearch size={18} />} loading={verify.isPending} data-testid="documents-verify-choose">
              {t('documents.verify.choose')}
            </Button>
          )}
        </FileButton>
      </Group>
      <ErrorAlert error={verify.error} />
      {verify.data && <VerifyReport result={verify.data} />}
    </Stack>
  );
}

function VerifyReport({ result }: { result: VerifyResult }) {
  const { t } = useTranslation();
  const number = result.document?.registerNumber ?? '';
  return (
    <Stack data-testid="documents-verify-result">
      {result.register === 'exact' && (
        <Alert color="green" icon={<IconCircleCheck size={18} />} data-testid="verify-register-exact">
          {t('documents.verify.registerExact', { number })}
        </Alert>
      )}
      {result.register === 'extended' && (
        <Alert color="orange" icon={<IconAlertTriangle size={18} />} data-testid="verify-register-extended">
          {t('documents.verify.registerExtended', { number })}
        </Alert>
      )}
      {result.register === 'changed' && (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} data-testid="verify-register-changed">
          {t('documents.verify.registerChanged', { number })}
        </Alert>
      )}
      {result.register === 'none' && (
        <Alert color="yellow" icon={<IconAlertTriangle size={18} />} data-testid="verify-register-none">
          {t('documents.verify.registerNone')}
        </Alert>
      )}
      <VerdictAlert verdict={result.verdict} />
      {result.changedAfterLastSignature && (
        <Alert color="orange" icon={<IconAlertTriangle size={18} />}>
          {t('documents.verify.changedAfter')}
        </Alert>
      )}
      {result.signatures.length === 0 && <Text c="dimmed">{t('documents.verify.noSignatures')}</Text>}
      {result.signatures.map((s) => (
        <SignatureCard key={s.index} s={s} />
      ))}
    </Stack>
  );
}

const VERDICT_COLOR: Record<Exclude<VerifyVerdict, 'unsigned'>, string> = {
  school: 'green',
  school_retired: 'orange',
  unknown_signer: 'red',
  broken: 'red',
};

/** The file as a whole: the weakest of its signatures. */
function VerdictAlert({ verdict }: { verdict: VerifyVerdict }) {
  const { t } = useTranslation();
  if (verdict === 'unsigned') return null;
  const icon = verdict === 'school' ? <IconShieldCheck size={18} /> : verdict === 'school_retired' ? <IconKey size={18} /> : <IconShieldX size={18} />;
  return (
    <Alert color={VERDICT_COLOR[verdict]} icon={icon} title={t(`documents.verify.verdict.${verdict}.title`)} data-testid="verify-verdict" data-verdict={verdict}>
      {t(`documents.verify.verdict.${verdict}.text`)}
    </Alert>
  );
}

/** Who stands behind an intact signature (a broken one says so instead). */
function TrustBadge({ s }: { s: SignatureReport }) {
  const { t } = useTranslation();
  if (!s.intact) return null;
  if (s.trust === 'school') {
    return (
      <Badge color="teal" variant="light" leftSection={<IconKey size={14} />} data-testid="verify-trust" data-trust="school">
        {t('documents.verify.trust.school')}
      </Badge>
    );
  }
  if (s.trust === 'school_retired') {
    return (
      <Badge color="orange" variant="light" leftSection={<IconKey size={14} />} data-testid="verify-trust" data-trust="school_retired">
        {t('documents.verify.trust.school_retired', { date: s.certificateRetiredAt ? dayjs(s.certificateRetiredAt).format('DD.MM.YYYY') : '' })}
      </Badge>
    );
  }
  return (
    <Badge color="red" leftSection={<IconUserQuestion size={14} />} data-testid="verify-trust" data-trust="unknown">
      {t('documents.verify.trust.unknown')}
    </Badge>
  );
}

function TrustNote({ s }: { s: SignatureReport }) {
  const { t } = useTranslation();
  if (!s.intact) return null;
  if (s.trust === 'unknown') {
    return (
      <Text c="red.9" size="sm" mb="xs" fw={500}>
        {t('documents.verify.trust.unknownNote')}
      </Text>
    );
  }
  return (
    <Text c="dimmed" size="sm" mb="xs">
      {t(s.certificateSelfSigned ? 'documents.verify.trust.schoolSelfSignedNote' : 'documents.verify.trust.schoolNote')}
    </Text>
  );
}

function SignatureCard({ s }: { s: SignatureReport }) {
  const { t } = useTranslation();
  const field = (label: string, value: string) =>
    value ? (
      <div>
        <Text size="xs" c="dimmed">
          {label}
        </Text>
        <Text size="sm">{value}</Text>
      </div>
    ) : null;
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      data-testid="verify-signature"
      data-trust={s.intact ? s.trust : 'broken'}
      style={s.intact && s.trust === 'unknown' ? { borderColor: 'var(--mantine-color-red-6)' } : undefined}
    >
      <Group justify="space-between" mb="xs">
        <Title order={5}>{t('documents.verify.signature', { index: s.index })}</Title>
        <Group gap="xs">
          <TrustBadge s={s} />
          {s.intact ? (
            <Badge color="green" leftSection={<IconShieldCheck size={14} />}>
              {t('documents.verify.intact')}
            </Badge>
          ) : (
            <Badge color="red" leftSection={<IconShieldX size={14} />}>
              {t('documents.verify.broken')}
            </Badge>
          )}
        </Group>
      </Group>
      <TrustNote s={s} />
      {s.problem && (
        <Text c="red.9" size="sm" mb="xs">
          {t(`documents.verify.problem.${s.problem}`)}
        </Text>
      )}
      {s.certificateValidAtSigning === false && (
        <Text c={TEXT_WARNING} size="sm" mb="xs">
          {t('documents.verify.certificateInvalidAtSigning')}
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
        {field(t('documents.verify.signer'), s.signerName)}
        {field(t('documents.verify.position'), s.position)}
        {field(t('documents.verify.time'), s.signingTime ? dayjs(s.signingTime).format('DD.MM.YYYY HH:mm') : '')}
        {field(t('documents.verify.issuer'), s.issuerName)}
        {field(t('documents.verify.serial'), s.serialHex.toUpperCase())}
        {field(t('documents.verify.fingerprint'), s.certificateSha256.toUpperCase().replace(/(.{4})(?!$)/g, '$1 '))}
      </SimpleGrid>
    </Paper>
  );
}
