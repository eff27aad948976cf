import { Alert, Button, Paper, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { JalaliDateInput } from '../../../components/jalali-date-input.js';
import { PageHeader } from '../../../components/page-header.js';
import { UnitPicker } from '../../../components/unit-picker.js';
import { addDays, type IsoDate } from '../../../../shared/jalali.js';
import type { Role } from '../../../../shared/roles.js';
import { isApiError } from '../../../lib/api.js';
import { formatDate, todayInTehran } from '../../../lib/dates.js';
import { useI18n } from '../../../lib/i18n.js';
import { referenceName, useReferenceList, type ObstacleCategory, useAgencyOptions } from '../../../lib/reference.js';
import type { DemandPriority } from '../api/demands-api.js';
import { useCreateDemand, useUploadDemandAttachment } from '../hooks/use-demands.js';
import { can, scopeOf } from '../../../lib/authorization.js';
import { DocumentsPicker } from './demand-attachments.js';
import { FormActions } from '../../../components/form-actions.js';

const PRIORITIES: DemandPriority[] = ['low', 'normal', 'high', 'urgent'];

export interface DemandFormProps {
  role: Role;
  /** A producer's own unit, or the unit of the visit the demand comes from. */
  unitId?: string | undefined;
  visitId?: string | undefined;
  onCreated: (id: string) => void;
  onCancel: () => void;
}

/**
 * Registering a demand. The category suggests the responsible agency and the due date (its deadline
 * from today); both can be changed, and a past date is accepted for records copied from paper.
 * A producer files for their own unit and leaves the agency to the secretariat.
 */
export function DemandForm({ role, unitId: fixedUnit, visitId, onCreated, onCancel }: DemandFormProps) {
  const { t, language } = useI18n();
  const producer = scopeOf(role) === 'unitId';
  const categories = useReferenceList<ObstacleCategory>('obstacle-categories');
  const agencyOptions = useAgencyOptions();
  const create = useCreateDemand();
  const [unitId, setUnitId] = useState<string | null>(fixedUnit ?? null);
  const [categoryCode, setCategoryCode] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [agencyId, setAgencyId] = useState<string | null>(null);
  const [priority, setPriority] = useState<DemandPriority>('normal');
  const [dueDate, setDueDate] = useState<IsoDate | null>(null);
  const [touchedDue, setTouchedDue] = useState(false);
  const canAttach = can(role, 'POST /api/v1/demands/:id/attachments');
  const upload = useUploadDemandAttachment();
  const [files, setFiles] = useState<File[]>([]);
  const [sending, setSending] = useState<{ demandId: string; done: number; failed: { name: string; reason: string }[] } | null>(null);
  const [dueValid, setDueValid] = useState(true);
  const category = categories.data?.find((c) => c.code === categoryCode);
  const suggestedDue = category ? addDays(todayInTehran(), category.deadlineDays) : null;
  const err = (path: string) => (isApiError(create.error) ? create.error.fieldError(path) : undefined);

  const chooseCategory = (code: string | null) => {
    setCategoryCode(code);
    const c = categories.data?.find((x) => x.code === code);
    if (c?.defaultAgencyId && !producer) setAgencyId(c.defaultAgencyId);
    if (c && !touchedDue) setDueDate(addDays(todayInTehran(), c.deadlineDays));
  };

  const missing = [
    ...(!unitId ? [t('demands.col.unit')] : []),
    ...(!categoryCode ? [t('demands.col.category')] : []),
    ...(!title.trim() ? [t('demands.col.title')] : []),
    ...(!description.trim() ? [t('demands.field.description')] : []),
  ];
  const invalid = !producer && !dueValid ? [t('demands.col.dueDate')] : [];

  const submit = () => {
    if (!unitId || !categoryCode || missing.length || invalid.length) return;
    create.mutate(
      {
        unitId,
        ...(visitId ? { visitId } : {}),
        categoryCode,
        title,
        description,
        priority,
        ...(producer ? {} : { agencyId, dueDate }),
      },
      { onSuccess: (d) => void sendFiles(d.id) },
    );
  };

  /** The demand exists: its documents follow one by one; any that fail are named, and the demand's page takes them again. */
  const sendFiles = async (demandId: string) => {
    const failed: { name: string; reason: string }[] = [];
    for (const [i, file] of files.entries()) {
      setSending({ demandId, done: i, failed });
      try {
        await upload.mutateAsync({ demandId, file });
      } catch (error) {
        failed.push({ name: file.name, reason: isApiError(error) ? error.title : String(error) });
      }
    }
    if (failed.length) setSending({ demandId, done: files.length, failed });
    else onCreated(demandId);
  };

  return (
    <>
      <PageHeader title={t('demands.new')} subtitle={visitId ? t('demands.fromVisit') : producer ? t('demands.newProducerHint') : t('demands.newHint')} />
      <Paper withBorder radius="md" p="lg" maw={860}>
        <Stack gap="md">
          {fixedUnit ? null : <UnitPicker label={t('demands.col.unit')} value={unitId} onChange={setUnitId} error={err('unitId')} required testId="demand-unit" />}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('demands.col.category')}
              data={(categories.data ?? []).map((c) => ({ value: c.code, label: referenceName(c, language) }))}
              value={categoryCode}
              onChange={chooseCategory}
              searchable
              required
              error={err('categoryCode')}
              data-testid="demand-category"
            />
            <div>
              <Text size="sm" fw={500} mb={4}>
                {t('demands.col.priority')}
              </Text>
              <SegmentedControl
                fullWidth
                value={priority}
                onChange={(v) => setPriority(v as DemandPriority)}
                data={PRIORITIES.map((p) => ({ value: p, label: t(`demands.priority.${p}`) }))}
                data-testid="demand-priority"
              />
            </div>
          </SimpleGrid>
          <TextInput label={t('demands.col.title')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} required maxLength={200} error={err('title')} data-testid="demand-title" />
          <Textarea
            label={t('demands.field.description')}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            required
            autosize
            minRows={3}
            maxLength={4000}
            error={err('description')}
            data-testid="demand-description"
          />
          {producer ? null : (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label={t('demands.col.agency')}
                description={category?.defaultAgencyId ? t('demands.agencySuggested') : undefined}
                data={agencyOptions.data} filter={agencyOptions.filter}
                value={agencyId}
                onChange={setAgencyId}
                searchable
                clearable
                error={err('agencyId')}
                data-testid="demand-agency"
              />
              <JalaliDateInput
                label={t('demands.col.dueDate')}
                value={dueDate}
                onChange={(v) => {
                  setTouchedDue(true);
                  setDueDate(v);
                }}
                onValidityChange={setDueValid}
                description={suggestedDue && category ? t('demands.dueSuggested', { days: category.deadlineDays, date: formatDate(suggestedDue, language) }) : t('demands.dueDefault')}
                error={err('dueDate')}
                testId="demand-due"
              />
            </SimpleGrid>
          )}
          {canAttach ? <DocumentsPicker files={files} onChange={setFiles} /> : null}
          {sending && sending.done < files.length ? (
            <Alert color="blue" variant="light" role="status" data-testid="demand-files-sending">
              {t('demands.files.uploading', { done: sending.done, total: files.length })}
            </Alert>
          ) : null}
          {sending && sending.failed.length ? (
            <Alert color="orange" variant="light" role="alert" data-testid="demand-files-failed">
              <Text size="sm">{t('demands.files.failed')}</Text>
              {sending.failed.map((f) => (
                <Text key={f.name} size="sm" dir="auto">
                  {f.name}: {f.reason}
                </Text>
              ))}
              <Button mt="xs" size="xs" onClick={() => onCreated(sending.demandId)}>
                {t('demands.files.continue')}
              </Button>
            </Alert>
          ) : null}
          {create.error && !(isApiError(create.error) && create.error.fieldErrors.length) ? (
            <Alert color="red" variant="light" title={isApiError(create.error) ? create.error.title : String(create.error)} role="alert">
              {isApiError(create.error) ? create.error.detail : null}
            </Alert>
          ) : null}
          <FormActions
            submitLabel={t('demands.submit')}
            onSubmit={submit}
            pending={create.isPending || (sending !== null && sending.done < files.length)}
            missing={missing}
            invalid={invalid}
            busy={sending !== null}
            submitTestId="demand-submit"
            cancelLabel={t('common.cancel')}
            onCancel={onCancel}
          />
        </Stack>
      </Paper>
    </>
  );
}
