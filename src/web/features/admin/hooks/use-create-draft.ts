import { useState } from 'react';
import { referenceName, useAgencyOptions, useReferenceList } from '../../../lib/reference.js';
import { useProvinces } from './use-admin.js';

/**
 * A create form's draft in a modal: its fields, whether the required marks show yet, and closing — which forgets
 * the draft, the marks and the last error, so the next opening starts clean.
 */
export function useCreateDraft<D extends object>(empty: D, mutation: { reset: () => void }, onClose: () => void) {
  const [draft, setDraft] = useState<D>(empty);
  const [showRequired, setShowRequired] = useState(false);
  const set = <K extends keyof D>(key: K, value: D[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const close = () => {
    setDraft(empty);
    setShowRequired(false);
    mutation.reset();
    onClose();
  };
  return { draft, set, showRequired, setShowRequired, close };
}

/** Reference items (provinces, banks) as a select's options, named in the language shown. */
export function referenceOptions(items: { id: string; name: string; nameEn: string }[] | undefined, language: 'fa' | 'en') {
  return (items ?? []).map((i) => ({ value: i.id, label: referenceName(i, language) }));
}

/** What a new user's or token's scope is picked from: provinces, banks and agencies (searchable by their short names). */
export function useScopeChoices() {
  const provinces = useProvinces();
  const agencyOptions = useAgencyOptions();
  const banks = useReferenceList('banks');
  return { provinces, agencyOptions, banks };
}
