import { IntegerInput } from '../../../components/integer-input.js';
import { Alert, Button, Group, Paper, Select, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { isValidLegalId } from '../../../../shared/ids.js';
import { UNIT_STATUSES, type UnitStatus } from '../../../../shared/machines.js';
import { normalizeCode } from '../../../../shared/text.js';
import { fieldMessage } from '../../../../shared/validation-messages.js';
import { isApiError } from '../../../lib/api.js';
import { useI18n } from '../../../lib/i18n.js';
import { fetchUnit, type Unit, type UnitInput } from '../api/units-api.js';
import { useCreateUnit, useUnitReference, useUpdateUnit } from '../hooks/use-units.js';

export interface UnitFormProps {
  /** Editing this unit; registering a new one when absent. */
  unit?: Unit;
  onSaved: (unit: Unit) => void;
  onCancel: () => void;
}

type Field = keyof UnitInput;

/** Register or edit a unit. Checks what it can as you type (the national id's check digit); shows the server's verdict on each field. */
export function UnitForm({ unit, onSaved, onCancel }: UnitFormProps) {
  const { t, status, language, digits } = useI18n();
  const ref = useUnitReference();
  const create = useCreateUnit();
  const update = useUpdateUnit(unit?.id ?? '');
  const mutation = unit ? update : create;
  const [version, setVersion] = useState(unit?.version ?? 1);
  const [v, setV] = useState<UnitInput>({
    name: unit?.name ?? '',
    nationalId: unit?.nationalId ?? '',
    licenseNo: unit?.licenseNo ?? null,
    sectorCode: unit?.sectorCode ?? '',
    countyId: unit?.countyId ?? '',
    estateId: unit?.estateId ?? null,
    address: unit?.address ?? null,
    phone: unit?.phone ?? null,
    managerName: unit?.managerName ?? null,
    employees: unit?.employees ?? 0,
    capacityUtilization: unit?.capacityUtilization ?? 0,
    status: unit?.status ?? 'active',
  });
  const [touched, setTouched] = useState<Partial<Record<Field, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const set = <K extends Field>(k: K, value: UnitInput[K]) => {
    setV((prev) => ({ ...prev, [k]: value }));
    setTouched((prev) => ({ ...prev, [k]: true }));
  };
  const label = (x: { name: string; nameEn: string }) => (language === 'fa' ? x.name : x.nameEn);

  // Inline checks: the same rules the server applies, shown before a round trip.
  const local: Partial<Record<Field, string>> = {};
  // the same words the server would answer with (shared/validation-messages.ts)
  const required = (field: string) => fieldMessage('v.required', field, language);
  if (!v.name.trim()) local.name = required('name');
  const code = normalizeCode(v.nationalId);
  if (!code) local.nationalId = required('nationalId');
  else if (!/^\d{11}$/.test(code)) local.nationalId = t('units.v.nationalIdLength');
  else if (!isValidLegalId(code)) local.nationalId = t('units.v.nationalIdChecksum');
  if (!v.sectorCode) local.sectorCode = required('sectorCode');
  if (!v.countyId) local.countyId = required('countyId');
  if (!Number.isInteger(v.employees) || v.employees < 0) local.employees = t('units.v.count');
  if (!Number.isInteger(v.capacityUtilization) || v.capacityUtilization < 0 || v.capacityUtilization > 100) local.capacityUtilization = fieldMessage('v.percent', 'capacityUtilization', language);
  const serverError = (f: Field) => (isApiError(mutation.error) ? mutation.error.fieldError(f) : undefined);
  const err = (f: Field) => ((touched[f] || submitted) && local[f]) || serverError(f);

  const submit = () => {
    setSubmitted(true);
    if (Object.keys(local).length) return;
    const body: UnitInput = { ...v, nationalId: code };
    if (unit) update.mutate({ ...body, version }, { onSuccess: onSaved });
    else create.mutate(body, { onSuccess: onSaved });
  };

  const error = mutation.error;
  const stale = isApiError(error) && error.code === 'record.stale';
  const estates = ref.estates.filter((e) => e.countyId === v.countyId);

  return (
    <Paper withBorder radius="md" p="lg" maw={900} data-testid="unit-form">
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('units.field.name')} value={v.name} onChange={(e) => set('name', e.currentTarget.value)} required maxLength={200} error={err('name')} data-testid="unit-name" />
          <TextInput
            label={t('units.field.nationalId')}
            description={code && !local.nationalId ? t('units.field.nationalIdOk', { id: digits(code) }) : t('units.field.nationalIdHint')}
            value={v.nationalId}
            onChange={(e) => set('nationalId', e.currentTarget.value)}
            required
            inputMode="numeric"
            dir="ltr"
            maxLength={40}
            error={err('nationalId')}
            data-testid="unit-national-id"
          />
          <Select
            label={t('units.field.sector')}
            data={ref.sectors.map((s) => ({ value: s.code, label: `${digits(s.code)} — ${label(s)}` }))}
            value={v.sectorCode || null}
            onChange={(x) => set('sectorCode', x ?? '')}
            searchable
            required
            error={err('sectorCode')}
            data-testid="unit-sector"
          />
          <Select
            label={t('units.field.status')}
            data={UNIT_STATUSES.map((s) => ({ value: s, label: status('unit', s) }))}
            value={v.status}
            onChange={(x) => x && set('status', x as UnitStatus)}
            allowDeselect={false}
            required
            error={err('status')}
            data-testid="unit-status"
          />
          <Select
            label={t('units.field.county')}
            data={ref.counties.map((c) => ({ value: c.id, label: label(c) }))}
            value={v.countyId || null}
            onChange={(x) => {
              set('countyId', x ?? '');
              if (v.estateId && !ref.estates.some((e) => e.id === v.estateId && e.countyId === x)) set('estateId', null);
            }}
            required
            error={err('countyId')}
            data-testid="unit-county"
          />
          <Select
            label={t('units.field.estate')}
            data={estates.map((e) => ({ value: e.id, label: label(e) }))}
            value={v.estateId}
            onChange={(x) => set('estateId', x)}
            clearable
            disabled={!v.countyId}
            error={err('estateId')}
            data-testid="unit-estate"
          />
          <IntegerInput label={t('units.field.employees')} value={v.employees} onChange={(x) => set('employees', x ?? NaN)} min={0} required error={err('employees')} testId="unit-employees" />
          <IntegerInput
            label={t('units.field.capacity')}
            value={v.capacityUtilization}
            onChange={(x) => set('capacityUtilization', x ?? NaN)}
            min={0}
            max={100}
            suffix="٪"
            required
            error={err('capacityUtilization')}
            testId="unit-capacity"
          />
          <TextInput label={t('units.field.managerName')} value={v.managerName ?? ''} onChange={(e) => set('managerName', e.currentTarget.value || null)} maxLength={200} error={err('managerName')} data-testid="unit-manager" />
          <TextInput label={t('units.field.phone')} value={v.phone ?? ''} onChange={(e) => set('phone', e.currentTarget.value || null)} dir="ltr" maxLength={40} error={err('phone')} data-testid="unit-phone" />
          <TextInput label={t('units.field.licenseNo')} value={v.licenseNo ?? ''} onChange={(e) => set('licenseNo', e.currentTarget.value || null)} dir="ltr" maxLength={60} error={err('licenseNo')} data-testid="unit-license" />
        </SimpleGrid>
        <Textarea label={t('units.field.address')} value={v.address ?? ''} onChange={(e) => set('address', e.currentTarget.value || null)} autosize minRows={2} maxLength={500} error={err('address')} data-testid="unit-address" />
        {stale ? (
          <Alert color="yellow" variant="light" title={error.title} role="alert" data-testid="unit-stale">
            {t('units.form.stale')}
            <Group mt="sm">
              <Button
                size="xs"
                variant="light"
                onClick={() => {
                  if (!unit) return;
                  // keep what was typed; take the current version, so the next save knowingly replaces it
                  void fetchUnit(unit.id).then((current) => {
                    setVersion(current.version);
                    mutation.reset();
                  });
                }}
              >
                {t('units.form.overwrite')}
              </Button>
            </Group>
          </Alert>
        ) : error && !(isApiError(error) && error.fieldErrors.length && !error.detail) ? (
          <Alert color="red" variant="light" title={isApiError(error) ? error.title : String(error)} role="alert" data-testid="unit-error">
            {isApiError(error) ? error.detail : null}
          </Alert>
        ) : null}
        <Group>
          <Button onClick={submit} loading={mutation.isPending} data-testid="unit-submit">
            {unit ? t('units.form.save') : t('units.form.create')}
          </Button>
          <Button variant="subtle" color="gray" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
