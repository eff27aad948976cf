import { Button, Group, PasswordInput, Select, SimpleGrid, TextInput } from '@mantine/core';
import { requiredScope, ROLES, type Role } from '../../../../shared/roles.js';
import { ErrorAlert } from '../../../components/error-alert.js';
import { FormModal } from '../../../components/form-modal.js';
import { UnitPicker } from '../../../components/unit-picker.js';
import { isApiError } from '../../../lib/api.js';
import { useI18n } from '../../../lib/i18n.js';
import type { CreateUserInput } from '../api/admin-api.js';
import { useCreateUser } from '../hooks/use-admin.js';
import { referenceOptions, useCreateDraft, useScopeChoices } from '../hooks/use-create-draft.js';

interface Draft {
  username: string;
  fullName: string;
  role: Role | null;
  password: string;
  email: string;
  provinceId: string | null;
  agencyId: string | null;
  bankId: string | null;
  unitId: string | null;
}

const EMPTY: Draft = { username: '', fullName: '', role: null, password: '', email: '', provinceId: null, agencyId: null, bankId: null, unitId: null };

/** Roles without a province: national HQ sees every province; an admin may have one or none. */
const needsProvince = (role: Role | null) => role !== null && role !== 'national' && role !== 'admin';

/** A fresh password of 16 characters from an unambiguous alphabet, made in the browser. */
function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

/** The create-user form: the scope fields follow the role (province; agency, bank or unit). */
export function UserCreateModal({ opened, onClose, onCreated }: { opened: boolean; onClose: () => void; onCreated: (fullName: string) => void }) {
  const { t, roleLabel, language } = useI18n();
  const create = useCreateUser();
  const { draft, set, showRequired, setShowRequired, close } = useCreateDraft(EMPTY, create, onClose);
  const { provinces, agencyOptions, banks } = useScopeChoices();
  const scope = draft.role ? requiredScope(draft.role) : null;

  const missing = (key: keyof Draft): boolean => {
    switch (key) {
      case 'username':
      case 'fullName':
      case 'password':
        return !draft[key].trim();
      case 'role':
        return !draft.role;
      case 'provinceId':
        return needsProvince(draft.role) && !draft.provinceId;
      case 'agencyId':
        return scope === 'agencyId' && !draft.agencyId;
      case 'bankId':
        return scope === 'bankId' && !draft.bankId;
      case 'unitId':
        return scope === 'unitId' && !draft.unitId;
      case 'email':
        return false;
    }
  };
  const fieldError = (key: keyof Draft): string | undefined => {
    const server = isApiError(create.error) ? create.error.fieldError(key) : undefined;
    if (server) return server;
    return showRequired && missing(key) ? t('admin.form.required') : undefined;
  };

  const submit = () => {
    const keys = Object.keys(EMPTY) as (keyof Draft)[];
    if (keys.some(missing) || !draft.role) {
      setShowRequired(true);
      return;
    }
    const input: CreateUserInput = {
      username: draft.username.trim(),
      fullName: draft.fullName.trim(),
      role: draft.role,
      password: draft.password,
      ...(draft.email.trim() ? { email: draft.email.trim() } : {}),
      ...(draft.provinceId && draft.role !== 'national' ? { provinceId: draft.provinceId } : {}),
      ...(scope === 'agencyId' && draft.agencyId ? { agencyId: draft.agencyId } : {}),
      ...(scope === 'bankId' && draft.bankId ? { bankId: draft.bankId } : {}),
      ...(scope === 'unitId' && draft.unitId ? { unitId: draft.unitId } : {}),
    };
    create.mutate(input, {
      onSuccess: (user) => {
        onCreated(user.fullName);
        close();
      },
    });
  };

  const generalError = isApiError(create.error) && create.error.fieldErrors.length > 0 ? null : create.error;

  return (
    <FormModal opened={opened} onClose={close} title={t('admin.users.create.title')} hint={t('admin.users.create.hint')} size="lg" onSubmit={submit} saving={create.isPending} saveLabel={t('admin.users.create.submit')} saveTestId="user-create-submit">
      <ErrorAlert error={generalError} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('admin.users.field.fullName')} required dir="auto" value={draft.fullName} onChange={(e) => set('fullName', e.currentTarget.value)} error={fieldError('fullName')} data-testid="user-fullName" />
        <TextInput label={t('admin.users.field.username')} description={t('admin.users.field.usernameHint')} required dir="ltr" autoComplete="off" value={draft.username} onChange={(e) => set('username', e.currentTarget.value)} error={fieldError('username')} data-testid="user-username" />
        <Select
          label={t('admin.users.field.role')}
          required
          data={ROLES.map((role) => ({ value: role, label: roleLabel(role) }))}
          value={draft.role}
          onChange={(value) => set('role', (value as Role | null) ?? null)}
          error={fieldError('role')}
          data-testid="user-role"
          comboboxProps={{ withinPortal: true }}
        />
        {draft.role && draft.role !== 'national' ? (
          <Select
            label={t('admin.users.field.province')}
            required={needsProvince(draft.role)}
            description={draft.role === 'admin' ? t('admin.users.field.provinceOptional') : undefined}
            data={referenceOptions(provinces.data, language)}
            value={draft.provinceId}
            onChange={(value) => set('provinceId', value)}
            searchable
            clearable
            error={fieldError('provinceId')}
            data-testid="user-province"
            comboboxProps={{ withinPortal: true }}
          />
        ) : null}
        {scope === 'agencyId' ? (
          <Select label={t('admin.users.field.agency')} required data={agencyOptions.data} filter={agencyOptions.filter} value={draft.agencyId} onChange={(value) => set('agencyId', value)} searchable error={fieldError('agencyId')} data-testid="user-agency" comboboxProps={{ withinPortal: true }} />
        ) : null}
        {scope === 'bankId' ? (
          <Select label={t('admin.users.field.bank')} required data={referenceOptions(banks.data, language)} value={draft.bankId} onChange={(value) => set('bankId', value)} searchable error={fieldError('bankId')} data-testid="user-bank" comboboxProps={{ withinPortal: true }} />
        ) : null}
        {scope === 'unitId' ? (
          <UnitPicker label={t('admin.users.field.unit')} required value={draft.unitId} onChange={(value) => set('unitId', value)} error={fieldError('unitId')} testId="user-unit" />
        ) : null}
        <PasswordInput
          label={t('admin.users.field.password')}
          description={t('admin.users.field.passwordHint')}
          required
          dir="ltr"
          autoComplete="new-password"
          value={draft.password}
          onChange={(e) => set('password', e.currentTarget.value)}
          error={fieldError('password')}
          data-testid="user-password"
          visibilityToggleButtonProps={{ 'aria-label': t('admin.users.field.togglePassword') }}
          rightSectionWidth={36}
        />
        <TextInput label={t('admin.users.field.email')} type="email" dir="ltr" value={draft.email} onChange={(e) => set('email', e.currentTarget.value)} error={fieldError('email')} data-testid="user-email" />
      </SimpleGrid>
      <Group>
        <Button variant="subtle" size="compact-sm" onClick={() => set('password', generatePassword())} data-testid="user-password-generate">
          {t('admin.users.field.generatePassword')}
        </Button>
      </Group>
    </FormModal>
  );
}
