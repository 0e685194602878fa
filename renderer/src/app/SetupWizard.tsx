import {
  Alert,
  Box,
  Button,
  Checkbox,
  Container,
  Group,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Stepper,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconPrinter } from '@tabler/icons-react';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { schoolProfileSchema, type SchoolProfile } from '../../../shared/school';
import { INSTALL_MODES, type InstallMode } from '../../../shared/install-mode';
import { LANGUAGES, type Language } from '../../../shared/roles';
import { invoke } from '../api/client';
import { invalidate } from '../api/hooks';
import { NewAccountFields } from '../features/accounts/NewAccountFields';
import { RolesInput } from '../features/accounts/RolesInput';
import { RestoreFromBackupButton } from '../features/backup/RestoreEntry';
import {
  ACCOUNT_SERVER_FIELDS,
  emptyNewAccount,
  newAccountFormSchema,
  validateNewAccount,
  type NewAccountValues,
} from '../features/accounts/forms';
import { emptySchoolProfile, SchoolProfileFields, useSchoolForm } from '../features/school/SchoolProfileFields';
import { setLanguage } from '../i18n';
import { Brand } from './Brand';
import { ErrorAlert } from './errors';
import { applyServerFieldError } from './forms';
import { RecoveryKeyView } from './RecoveryKeyView';

const STEP_LANGUAGE = 0;
const STEP_SCHOOL = 1;
const STEP_ACCOUNT = 2;
const STEP_KEY = 3;
const STEP_DONE = 4;

export function SetupWizard({ onStarted, onDone }: { onStarted: () => void; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [step, setStep] = useState(STEP_LANGUAGE);
  const language: Language = i18n.language === 'ru' ? 'ru' : 'kk';
  const [mode, setMode] = useState<InstallMode>('school');
  const schoolForm = useSchoolForm(emptySchoolProfile);
  /** the profile as checked when the school step was left (trimmed by the contract's schema) */
  const [school, setSchool] = useState<SchoolProfile>(emptySchoolProfile);
  const accountForm = useForm<NewAccountValues>({
    mode: 'controlled',
    initialValues: emptyNewAccount(['director', 'administrator']),
    validate: validateNewAccount(t),
  });
  const [recoveryKey, setRecoveryKey] = useState<string | null>(null);
  const [stored, setStored] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const chooseLanguage = (l: Language) => setLanguage(l);

  const nextFromSchool = schoolForm.onSubmit((values) => {
    const checked = schoolProfileSchema.parse(values);
    setSchool(checked);
    if (!accountForm.getValues().displayName) accountForm.setFieldValue('displayName', checked.directorName);
    setStep(STEP_ACCOUNT);
  });

  const createSchool = accountForm.onSubmit(async (values) => {
    const { repeat: _repeat, ...account } = newAccountFormSchema.parse(values);
    setBusy(true);
    setError(null);
    try {
      const out = await invoke('auth.setup', { language, mode, school, account });
      onStarted();
      setRecoveryKey(out.recoveryKey);
      accountForm.setValues({ password: '', repeat: '' });
      setStep(STEP_KEY);
    } catch (e) {
      if (!applyServerFieldError(t, accountForm, e, ACCOUNT_SERVER_FIELDS)) setError(e);
    } finally {
      setBusy(false);
    }
  });

  const confirmStored = async () => {
    setBusy(true);
    setError(null);
    try {
      await invoke('auth.confirmRecoveryStored', {});
      setRecoveryKey(null);
      setStep(STEP_DONE);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const finish = async () => {
    // the session's screens start at home (the router is made when they first show: it reads this hash)
    window.location.hash = '#/';
    onDone();
    await invalidate(qc, 'auth.status');
  };

  return (
    <Box mih="100vh" bg="var(--mantine-color-gray-1)" py="xl">
      <Container size="md">
        <Stack gap="lg">
          <Group justify="space-between" wrap="wrap">
            <Brand size="lg" />
            <Text c="dimmed" size="sm">
              {t('setup.title')}
            </Text>
          </Group>
          <Paper withBorder shadow="sm" radius="md" p="xl">
            <Stepper active={step} size="sm" allowNextStepsSelect={false} wrap>
              <Stepper.Step label={t('setup.steps.language')} allowStepSelect={false} />
              <Stepper.Step label={t('setup.steps.school')} allowStepSelect={false} />
              <Stepper.Step label={t('setup.steps.account')} allowStepSelect={false} />
              <Stepper.Step label={t('setup.steps.recoveryKey')} allowStepSelect={false} />
              <Stepper.Step label={t('setup.steps.done')} allowStepSelect={false} />
            </Stepper>

            <Box mt="xl" data-testid={`setup-step-${step}`}>
              {step === STEP_LANGUAGE && (
                <Stack>
                  <Title order={3}>{t('setup.welcome')}</Title>
                  <Text>{t('setup.welcomeText')}</Text>
                  <Radio.Group
                    label={t('setup.chooseLanguage')}
                    value={language}
                    onChange={(v) => chooseLanguage(v === 'ru' ? 'ru' : 'kk')}
                  >
                    <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs">
                      {LANGUAGES.map((l) => (
                        <Radio.Card key={l} value={l} p="md" radius="md" data-testid={`setup-language-${l}`}>
                          <Group wrap="nowrap">
                            <Radio.Indicator />
                            <Text fw={600}>{t(`languages.${l}`)}</Text>
                          </Group>
                        </Radio.Card>
                      ))}
                    </SimpleGrid>
                  </Radio.Group>
                  {/* once, for good: a school's office or a district education department's (no pupils, no cases) */}
                  <Radio.Group label={t('setup.modeTitle')} value={mode} onChange={(v) => setMode(v === 'district' ? 'district' : 'school')}>
                    <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs">
                      {INSTALL_MODES.map((m) => (
                        <Radio.Card key={m} value={m} p="md" radius="md" data-testid={`setup-mode-${m}`}>
                          <Group wrap="nowrap" align="flex-start">
                            <Radio.Indicator />
                            <div>
                              <Text fw={600}>{t(m === 'school' ? 'setup.modeSchool' : 'setup.modeDistrict')}</Text>
                              <Text size="sm" c="dimmed">
                                {t(m === 'school' ? 'setup.modeSchoolText' : 'setup.modeDistrictText')}
                              </Text>
                            </div>
                          </Group>
                        </Radio.Card>
                      ))}
                    </SimpleGrid>
                  </Radio.Group>
                  <Group justify="space-between">
                    <RestoreFromBackupButton />
                    <Button onClick={() => setStep(STEP_SCHOOL)} data-testid="setup-next">
                      {t('common.next')}
                    </Button>
                  </Group>
                </Stack>
              )}

              {step === STEP_SCHOOL && (
                <form onSubmit={nextFromSchool} noValidate>
                  <Stack>
                    <Title order={3}>{t(mode === 'district' ? 'setup.officeTitle' : 'setup.schoolTitle')}</Title>
                    <Text size="sm" c="dimmed">
                      {t(mode === 'district' ? 'setup.officeText' : 'setup.schoolText')}
                    </Text>
                    <SchoolProfileFields form={schoolForm} />
                    <Group justify="space-between">
                      <Button variant="default" onClick={() => setStep(STEP_LANGUAGE)}>
                        {t('common.back')}
                      </Button>
                      <Button type="submit" data-testid="setup-next">
                        {t('common.next')}
                      </Button>
                    </Group>
                  </Stack>
                </form>
              )}

              {step === STEP_ACCOUNT && (
                <form onSubmit={createSchool} noValidate>
                  <Stack>
                    <Title order={3}>{t('setup.accountTitle')}</Title>
                    <Text size="sm" c="dimmed">
                      {t('setup.accountText')}
                    </Text>
                    <NewAccountFields inputProps={accountForm.getInputProps} loginAutoComplete="username" />
                    <RolesInput
                      value={accountForm.getValues().roles}
                      onChange={(roles) => accountForm.setFieldValue('roles', roles)}
                      error={accountForm.errors.roles}
                    />
                    <ErrorAlert error={error} />
                    <Group justify="space-between">
                      <Button variant="default" onClick={() => setStep(STEP_SCHOOL)} disabled={busy}>
                        {t('common.back')}
                      </Button>
                      <Button type="submit" loading={busy} data-testid="setup-create">
                        {t('setup.create')}
                      </Button>
                    </Group>
                  </Stack>
                </form>
              )}

              {step === STEP_KEY && recoveryKey && (
                <Stack>
                  <Title order={3}>{t('setup.keyTitle')}</Title>
                  <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />}>
                    {t('setup.keyWarning')}
                  </Alert>
                  <Paper withBorder radius="md" p="lg" bg="var(--mantine-color-gray-0)">
                    <RecoveryKeyView value={recoveryKey} testId="recovery-key" />
                  </Paper>
                  <Text size="sm">{t('setup.keyWhere')}</Text>
                  <Group>
                    <Button
                      variant="default"
                      leftSection={<IconPrinter size={18} />}
                      onClick={() => window.print()}
                      data-testid="print-key"
                    >
                      {t('setup.print')}
                    </Button>
                  </Group>
                  <Checkbox
                    checked={stored}
                    onChange={(e) => setStored(e.currentTarget.checked)}
                    label={t('setup.storedCheckbox')}
                    data-testid="key-stored"
                  />
                  <ErrorAlert error={error} />
                  <Group justify="flex-end">
                    <Button disabled={!stored} loading={busy} onClick={() => void confirmStored()} data-testid="setup-next">
                      {t('common.next')}
                    </Button>
                  </Group>
                  <div className="qorgan-print-only">
                    <h2>{t('setup.printTitle')}</h2>
                    <p>{language === 'ru' ? school.nameRu : school.nameKk}</p>
                    <p>{t('setup.printDate', { date: dayjs().format('LL') })}</p>
                    <RecoveryKeyView value={recoveryKey} />
                    <p>{t('setup.printText')}</p>
                  </div>
                </Stack>
              )}

              {step === STEP_DONE && (
                <Stack align="center" py="lg">
                  <ThemeIcon size={56} radius="xl" color="green" variant="light">
                    <IconCircleCheck size={36} />
                  </ThemeIcon>
                  <Title order={3} ta="center">
                    {t('setup.doneTitle')}
                  </Title>
                  <Text ta="center" maw={520}>
                    {t('setup.doneText')}
                  </Text>
                  <Button size="md" onClick={() => void finish()} data-testid="setup-finish">
                    {t('setup.start')}
                  </Button>
                </Stack>
              )}
            </Box>
          </Paper>
        </Stack>
      </Container>
    </Box>
  );
}
