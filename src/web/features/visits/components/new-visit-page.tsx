import { PageHeader } from '../../../components/page-header.js';
import { useI18n } from '../../../lib/i18n.js';
import type { VisitDetail } from '../api/visits-api.js';
import { VisitForm } from './visit-form.js';

export function NewVisitPage({ unitId, onSaved, onCancel }: { unitId?: string | undefined; onSaved: (v: VisitDetail) => void; onCancel: () => void }) {
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t('visits.new')} subtitle={t('visits.subtitle')} />
      <VisitForm initialUnitId={unitId} onSaved={onSaved} onCancel={onCancel} />
    </>
  );
}
