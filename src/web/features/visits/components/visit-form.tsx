import { Alert, Paper, SegmentedControl, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { IntegerInput, isWithin } from '../../../components/integer-input.js';
import { JalaliDateInput } from '../../../components/jalali-date-input.js';
import { UnitPicker } from '../../../components/unit-picker.js';
import type { IsoDate } from '../../../../shared/jalali.js';
import { VISIT_STATUSES } from '../../../../shared/machines.js';
import { isApiError } from '../../../lib/api.js';
import { todayInTehran } from '../../../lib/dates.js';
import { useI18n } from '../../../lib/i18n.js';
import type { VisitDetail, VisitStatus } from '../api/visits-api.js';
import { useCreateVisit, useUpdateVisit } from '../hooks/use-visits.js';
import { FormActions } from '../../../components/form-actions.js';

export interface VisitFormProps {
  /** Editing this visit; creating a new one when absent. */
  visit?: VisitDetail;
  initialUnitId?: string | undefined;
  onSaved: (visit: VisitDetail) => void;
  onCancel: () => void;
}

/** Plan a visit, or record what it found: date (Jalali), team, status, staff and capacity use observed, findings. */
export function VisitForm({ visit, initialUnitId, onSaved, onCancel }: VisitFormProps) {
  const { t, status } = useI18n();
  const create = useCreateVisit();
  const update = useUpdateVisit(visit?.id ?? '');
  const mutation = visit ? update : create;
  const [unitId, setUnitId] = useState<string | null>(visit?.unitId ?? initialUnitId ?? null);
  const [visitDate, setVisitDate] = useState<IsoDate | null>(visit?.visitDate ?? todayInTehran());
  const [team, setTeam] = useState(visit?.team ?? '');
  const [visitStatus, setVisitStatus] = useState<VisitStatus>(visit?.status ?? 'done');
  const [employees, setEmployees] = useState<number | null>(visit?.employees ?? null);
  const [capacity, setCapacity] = useState<number | null>(visit?.capacityUtilization ?? null);
  const [findings, setFindings] = useState(visit?.findings ?? '');
  const err = (path: string) => (isApiError(mutation.error) ? mutation.error.fieldError(path) : undefined);
  const done = visitStatus === 'done';
  const [dateValid, setDateValid] = useState(true);
  const missing = [...(!unitId ? [t('visits.col.unit')] : []), ...(!visitDate && dateValid ? [t('visits.col.date')] : []), ...(!team.trim() ? [t('visits.col.team')] : [])];
  const invalid = [
    ...(!dateValid ? [t('visits.col.date')] : []),
    ...(done && !isWithin(employees, 0, 1_000_000) ? [t('visits.field.employees')] : []),
    ...(done && !isWithin(capacity, 0, 100) ? [t('visits.field.capacity')] : []),
  ];

  const submit = () => {
    if (!unitId || !visitDate || missing.length || invalid.length) return;
    const body = {
      visitDate,
      team,
      status: visitStatus,
      findings: findings.trim() ? findings : null,
      employees: done ? employees : null,
      capacityUtilization: done ? capacity : null,
    };
    if (visit) update.mutate({ ...body, version: visit.version }, { onSuccess: onSaved });
    else create.mutate({ ...body, unitId }, { onSuccess: onSaved });
  };

  return (
    <Paper withBorder radius="md" p="lg" maw={860} data-testid="visit-form">
      <Stack gap="md">
        <UnitPicker label={t('visits.col.unit')} value={unitId} onChange={setUnitId} initialName={visit?.unitName} disabled={Boolean(visit)} error={err('unitId')} required testId="visit-unit" />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <JalaliDateInput label={t('visits.col.date')} value={visitDate} onChange={setVisitDate} onValidityChange={setDateValid} error={err('visitDate')} required testId="visit-date" />
          <div>
            <Text size="sm" fw={500} mb={4}>
              {t('visits.col.status')}
            </Text>
            <SegmentedControl
              fullWidth
              value={visitStatus}
              onChange={(v) => setVisitStatus(v as VisitStatus)}
              data={VISIT_STATUSES.map((s) => ({ value: s, label: status('visit', s) }))}
              data-testid="visit-status"
            />
          </div>
        </SimpleGrid>
        <TextInput label={t('visits.col.team')} placeholder={t('visits.teamPlaceholder')} value={team} onChange={(e) => setTeam(e.currentTarget.value)} required maxLength={300} error={err('team')} data-testid="visit-team" />
        {done ? (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <IntegerInput label={t('visits.field.employees')} value={employees} onChange={setEmployees} min={0} max={1_000_000} error={err('employees')} testId="visit-employees" />
            <IntegerInput label={t('visits.field.capacity')} value={capacity} onChange={setCapacity} min={0} max={100} suffix="٪" error={err('capacityUtilization')} testId="visit-capacity" />
          </SimpleGrid>
        ) : null}
        <Textarea label={t('visits.field.findings')} value={findings} onChange={(e) => setFindings(e.currentTarget.value)} autosize minRows={4} maxLength={8000} error={err('findings')} data-testid="visit-findings" />
        {mutation.error && !(isApiError(mutation.error) && mutation.error.fieldErrors.length) ? (
          <Alert color="red" variant="light" title={isApiError(mutation.error) ? mutation.error.title : String(mutation.error)} role="alert">
            {isApiError(mutation.error) ? mutation.error.detail : null}
          </Alert>
        ) : null}
        <FormActions
          submitLabel={visit ? t('visits.save') : t('visits.create')}
          onSubmit={submit}
          pending={mutation.isPending}
          missing={missing}
          invalid={invalid}
          submitTestId="visit-submit"
          cancelLabel={t('common.cancel')}
          onCancel={onCancel}
        />
      </Stack>
    </Paper>
  );
}
