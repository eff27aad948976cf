import { Alert, Anchor, Box, Button, Center, Checkbox, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { BrandMark } from '../../../components/brand-mark.js';
import { AlertIcon } from '../../../components/icons.js';
import { LanguageSwitch } from '../../../components/language-switch.js';
import { isApiError } from '../../../lib/api.js';
import { useI18n } from '../../../lib/i18n.js';
import { meQueryKey } from '../hooks/use-session.js';
import { fetchUnitChoices, registerProducer, requestOtp, type RegistrationForm } from '../api/producer-auth-api.js';

/** A unit's manager registers by mobile and code, and claims a registry unit or describes a new one. */
export function RegisterPage({ onDone }: { onDone: () => void }) {
  const { t, digits, language } = useI18n();
  const queryClient = useQueryClient();
  const [mobile, setMobile] = useState('');
  const [sent, setSent] = useState(false);
  const [code, setCode] = useState('');
  const [fullName, setFullName] = useState('');
  const [nationalCode, setNationalCode] = useState('');
  const [unitNationalId, setUnitNationalId] = useState('');
  const [notListed, setNotListed] = useState(false);
  const [unit, setUnit] = useState({ name: '', sectorCode: '', countyId: '', employees: 0, capacityUtilization: 0 });
  const [provinceId, setProvinceId] = useState<string | null>(null);
  const [estateId, setEstateId] = useState<string | null>(null);
  // the registry's own lists: a new unit's county and sector are chosen, never typed
  const choices = useQuery({ queryKey: ['public', 'unit-choices'], queryFn: ({ signal }) => fetchUnitChoices(signal), enabled: notListed, staleTime: Infinity });
  const name = (i: { name: string; nameEn: string }) => (language === 'en' ? i.nameEn : i.name);
  const province = provinceId ?? (choices.data?.provinces.length === 1 ? choices.data.provinces[0]!.id : null);
  const counties = (choices.data?.counties ?? []).filter((c) => c.provinceId === province);
  const estates = (choices.data?.estates ?? []).filter((e) => e.countyId === unit.countyId);

  const send = useMutation({ mutationFn: () => requestOtp(mobile, 'register'), onSuccess: () => setSent(true) });
  const register = useMutation({
    mutationFn: () => {
      const body: RegistrationForm = { mobile, code, fullName, nationalCode, unitNationalId };
      if (notListed) body.newUnit = { ...unit, ...(estateId ? { estateId } : {}), nationalId: unitNationalId, status: 'active' };
      return registerProducer(body);
    },
    onSuccess: ({ user }) => {
      queryClient.clear();
      queryClient.setQueryData(meQueryKey, user);
    },
  });
  const error = send.error ?? register.error;
  const fe = (path: string) => (isApiError(register.error) ? register.error.fieldError(path) : undefined);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!sent) send.mutate();
    else register.mutate();
  };

  return (
    <Box p="md">
      <Group justify="space-between" mb="lg">
        <Group gap="sm">
          <BrandMark size={32} />
          <Text fw={600}>{t('app.name')}</Text>
        </Group>
        <LanguageSwitch />
      </Group>
      <Center>
        <Paper withBorder shadow="md" radius="md" p={32} w="100%" maw={560}>
          <Title order={1} fz={22} mb={4}>
            {t('producers.registerTitle')}
          </Title>
          <Text size="sm" c="dimmed" mb="lg">
            {t('producers.registerSubtitle')}
          </Text>
          {register.isSuccess ? (
            <Stack data-testid="registration-done">
              <Alert color="green" variant="light">
                {t('producers.done')}
              </Alert>
              <Button onClick={onDone}>{t('producers.goHome')}</Button>
            </Stack>
          ) : (
            <form onSubmit={submit} noValidate data-testid="registration-form">
              <Stack gap="md">
                {error ? (
                  <Alert color="red" variant="light" icon={<AlertIcon />} title={t('producers.failed')}>
                    {isApiError(error) ? (error.detail ?? error.title) : t('error.network')}
                  </Alert>
                ) : null}
                <TextInput label={t('producers.mobile')} description={t('producers.mobileHint')} name="mobile" dir="ltr" inputMode="tel" value={mobile} onChange={(e) => setMobile(e.currentTarget.value)} disabled={sent} error={isApiError(send.error) ? send.error.fieldError('mobile') : fe('mobile')} />
                {sent ? (
                  <>
                    <Text size="sm" c="dimmed">
                      {t('producers.codeSent', { mobile: digits(mobile) })}
                    </Text>
                    <TextInput label={t('producers.code')} name="code" dir="ltr" inputMode="numeric" autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.currentTarget.value)} error={fe('code')} />
                    <TextInput label={t('producers.fullName')} name="fullName" value={fullName} onChange={(e) => setFullName(e.currentTarget.value)} error={fe('fullName')} />
                    <TextInput label={t('producers.nationalCode')} name="nationalCode" dir="ltr" inputMode="numeric" value={nationalCode} onChange={(e) => setNationalCode(e.currentTarget.value)} error={fe('nationalCode')} />
                    <TextInput label={t('producers.unitNationalId')} name="unitNationalId" dir="ltr" inputMode="numeric" value={unitNationalId} onChange={(e) => setUnitNationalId(e.currentTarget.value)} error={fe('unitNationalId') ?? fe('newUnit')} />
                    <Checkbox label={t('producers.unitNotListed')} checked={notListed} onChange={(e) => setNotListed(e.currentTarget.checked)} />
                    {notListed ? (
                      <Stack gap="sm">
                        <Text fw={600}>{t('producers.newUnit')}</Text>
                        <TextInput label={t('producers.unitName')} name="unitName" value={unit.name} onChange={(e) => setUnit({ ...unit, name: e.currentTarget.value })} error={fe('newUnit.name')} />
                        <Select
                          label={t('producers.sector')}
                          name="sectorCode"
                          data={(choices.data?.sectors ?? []).map((c) => ({ value: c.code, label: `${name(c)} (${digits(c.code)})` }))}
                          value={unit.sectorCode || null}
                          onChange={(v) => setUnit({ ...unit, sectorCode: v ?? '' })}
                          searchable
                          nothingFoundMessage={t('producers.nothingFound')}
                          error={fe('newUnit.sectorCode')}
                          data-testid="register-sector"
                        />
                        <SimpleGrid cols={{ base: 1, xs: 2 }}>
                          <Select
                            label={t('producers.province')}
                            data={(choices.data?.provinces ?? []).map((p) => ({ value: p.id, label: name(p) }))}
                            value={province}
                            onChange={(v) => {
                              setProvinceId(v);
                              setUnit({ ...unit, countyId: '' });
                              setEstateId(null);
                            }}
                            searchable
                            data-testid="register-province"
                          />
                          <Select
                            label={t('producers.county')}
                            name="countyId"
                            data={counties.map((c) => ({ value: c.id, label: name(c) }))}
                            value={unit.countyId || null}
                            onChange={(v) => {
                              setUnit({ ...unit, countyId: v ?? '' });
                              setEstateId(null);
                            }}
                            disabled={!province}
                            searchable
                            error={fe('newUnit.countyId')}
                            data-testid="register-county"
                          />
                        </SimpleGrid>
                        {estates.length ? (
                          <Select
                            label={t('producers.estate')}
                            data={estates.map((e) => ({ value: e.id, label: name(e) }))}
                            value={estateId}
                            onChange={setEstateId}
                            clearable
                            searchable
                            error={fe('newUnit.estateId')}
                            data-testid="register-estate"
                          />
                        ) : null}
                        <NumberInput label={t('producers.employees')} min={0} value={unit.employees} onChange={(v) => setUnit({ ...unit, employees: Number(v) || 0 })} />
                        <NumberInput label={t('producers.capacity')} min={0} max={100} value={unit.capacityUtilization} onChange={(v) => setUnit({ ...unit, capacityUtilization: Number(v) || 0 })} />
                      </Stack>
                    ) : null}
                  </>
                ) : null}
                <Button type="submit" size="md" fullWidth loading={send.isPending || register.isPending}>
                  {sent ? t('producers.submit') : t('producers.sendCode')}
                </Button>
                <Anchor component={Link} to="/login" size="sm" ta="center">
                  {t('producers.backToLogin')}
                </Anchor>
              </Stack>
            </form>
          )}
        </Paper>
      </Center>
    </Box>
  );
}
