/**
 * The district's schools (issue 14, item 4): each school with the certificate its reports must be signed with.
 * Registering: pick the certificate file the school sent (DER or PEM) → the core reads it (`district.inspectCertificate`)
 * and shows its fingerprint, owner and validity, to be compared with the school by phone → code and names →
 * `district.registerSchool`. A school whose report came signed with another key is flagged in the list (nothing of
 * that report was merged) until its new certificate is registered.
 */
import { Alert, Badge, Button, Code, FileButton, Group, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCertificate, IconCircleCheck } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useForm } from '@mantine/form';
import { districtMethods, type CertificateFacts } from '../../../../shared/district';
import { applyServerFieldError, zodFormResolver, type FieldMessages } from '../../app/forms';
import { useApiMutation, useApiQuery, invalidate } from '../../api/hooks';
import { ErrorAlert } from '../../app/errors';
import { QueryPanel } from '../../app/QueryPanel';
import { currentLanguage } from '../../i18n';
import { fileToBase64 } from '../documents/files';

/** "ab12 cd34 …": a fingerprint read out over the phone, in groups of four. */
export function groupedFingerprint(hex: string): string {
  return (hex.match(/.{1,4}/g) ?? []).join(' ');
}

/** `district.registerSchool` without the certificate (chosen as a file): the code and the two names as the core checks them. */
const schoolFormSchema = districtMethods['district.registerSchool'].input.pick({ code: true, nameKk: true, nameRu: true });
type SchoolValues = { code: string; nameKk: string; nameRu: string };
const EMPTY_SCHOOL: SchoolValues = { code: '', nameKk: '', nameRu: '' };
const SCHOOL_MESSAGES: FieldMessages = { code: 'district.schools.codeRule' };

export function RegisterSchool({ known }: { known: { code: string; fingerprintSha256: string }[] }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [certificate, setCertificate] = useState<string | null>(null);
  const [facts, setFacts] = useState<CertificateFacts | null>(null);
  const form = useForm<SchoolValues>({ mode: 'controlled', initialValues: EMPTY_SCHOOL, validate: zodFormResolver<SchoolValues>(schoolFormSchema, t, SCHOOL_MESSAGES) });
  const inspect = useApiMutation('district.inspectCertificate', {
    onSuccess: (f) => {
      setFacts(f);
      // the certificate's organisation as a first guess at the names, never over what was typed
      if (f.organization) {
        if (!form.values.nameKk) form.setFieldValue('nameKk', f.organization);
        if (!form.values.nameRu) form.setFieldValue('nameRu', f.organization);
      }
    },
    onError: () => setFacts(null),
  });
  const register = useApiMutation('district.registerSchool', {
    onSuccess: async (s) => {
      notifications.show({ color: 'green', message: `${t('district.schools.saved')}: ${s.code}` });
      setCertificate(null);
      setFacts(null);
      form.reset();
      await invalidate(qc, 'district.schools');
    },
    onError: (e) => applyServerFieldError(t, form, e),
  });
  const onFile = async (f: File | null) => {
    if (!f) return;
    register.reset();
    const b64 = await fileToBase64(f);
    setCertificate(b64);
    inspect.mutate({ certificate: b64 });
  };
  const replaces = known.find((k) => k.code === form.values.code.trim() && facts !== null && k.fingerprintSha256 !== facts.fingerprintSha256);
  const submit = (values: SchoolValues) => {
    if (certificate) register.mutate({ ...schoolFormSchema.parse(values), certificate });
  };
  return (
    <Paper withBorder radius="md" p="md" data-testid="district-register">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('district.schools.register')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('district.schools.certificateHint')}
        </Text>
        <Group>
          <FileButton onChange={(f) => void onFile(f)} accept=".cer,.crt,.pem,.der,application/x-x509-ca-cert,application/pkix-cert">
            {(props) => (
              <Button {...props} variant="default" leftSection={<IconCertificate size={18} />} loading={inspect.isPending} data-testid="district-pick-certificate">
                {t('district.schools.pickCertificate')}
              </Button>
            )}
          </FileButton>
        </Group>
        <ErrorAlert error={inspect.error} />
        {facts && (
          <form onSubmit={form.onSubmit(submit)} noValidate>
          <Stack gap="xs" data-testid="district-certificate-facts">
            <Text size="sm">
              {t('district.schools.fingerprint')}: <Code data-testid="district-fingerprint">{groupedFingerprint(facts.fingerprintSha256)}</Code>
            </Text>
            <Text size="sm">
              {t('district.schools.owner')}: {[facts.commonName, facts.organization].filter((x) => x).join(', ')}
            </Text>
            <Text size="sm">
              {t('district.schools.validity')}: {dayjs(facts.notBefore).format('L')} – {dayjs(facts.notAfter).format('L')}
            </Text>
            {facts.registeredAs && (
              <Alert color="blue" variant="light">
                {t('district.schools.alreadyRegistered', { code: facts.registeredAs })}
              </Alert>
            )}
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput label={t('district.schools.code')} required inputMode="numeric" data-testid="district-school-code" {...form.getInputProps('code')} />
              <TextInput label={t('district.schools.nameKk')} required data-testid="district-school-name-kk" {...form.getInputProps('nameKk')} />
              <TextInput label={t('district.schools.nameRu')} required data-testid="district-school-name-ru" {...form.getInputProps('nameRu')} />
            </SimpleGrid>
            {replaces && (
              <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} data-testid="district-replaces-key">
                {t('district.schools.replacesKey')}
              </Alert>
            )}
            <ErrorAlert error={register.error} />
            <Group>
              <Button type="submit" disabled={!certificate} loading={register.isPending} data-testid="district-register-save">
                {t('district.schools.save')}
              </Button>
            </Group>
          </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
}

export function DistrictSchoolsScreen() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const q = useApiQuery('district.schools', {});
  return (
    <Stack gap="lg">
      <RegisterSchool known={q.data ?? []} />
      <QueryPanel query={q}>
        {(schools) =>
          schools.length === 0 ? (
            <Text p="lg" c="dimmed">
              {t('district.schools.empty')}
            </Text>
          ) : (
            <Stack gap={0}>
              <Text size="sm" p="sm" c="dimmed">
                {t('district.schools.count', { count: schools.length })}
              </Text>
              <Table.ScrollContainer minWidth={720}>
                <Table verticalSpacing="sm" data-testid="district-schools">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('district.schools.code')}</Table.Th>
                      <Table.Th>{t('district.summary.school')}</Table.Th>
                      <Table.Th>{t('district.schools.fingerprint')}</Table.Th>
                      <Table.Th>{t('district.schools.registeredAt')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {schools.map((s) => (
                      <Table.Tr key={s.code} data-testid={`district-school-${s.code}`}>
                        <Table.Td>{s.code}</Table.Td>
                        <Table.Td>
                          <Text size="sm" fw={500}>
                            {lang === 'ru' ? s.nameRu : s.nameKk}
                          </Text>
                          {s.keyChange ? (
                            <Alert mt={6} p="xs" color="red" variant="light" icon={<IconAlertTriangle size={16} />} title={t('district.schools.keyChanged')} data-testid="district-key-changed">
                              {t('district.schools.keyChangedText', { date: dayjs(s.keyChange.seenAt).format('L'), fp: groupedFingerprint(s.keyChange.fingerprintSha256.slice(0, 16)) })}
                            </Alert>
                          ) : (
                            <Badge mt={4} color="green" variant="light" leftSection={<IconCircleCheck size={12} />} style={{ textTransform: 'none' }}>
                              {t('district.schools.ok')}
                            </Badge>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Code style={{ whiteSpace: 'normal', wordBreak: 'break-all' }}>{groupedFingerprint(s.fingerprintSha256)}</Code>
                        </Table.Td>
                        <Table.Td>{dayjs(s.registeredAt).format('L')}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Stack>
          )
        }
      </QueryPanel>
    </Stack>
  );
}
