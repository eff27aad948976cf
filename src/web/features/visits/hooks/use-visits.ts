import { useListQuery, useRecordChange, useRecordQuery, type Settle } from '../../../lib/list-queries.js';
import { createVisit, fetchVisit, fetchVisits, updateVisit, type VisitDetail, type VisitListParams } from '../api/visits-api.js';

export const useVisits = (params: VisitListParams) => useListQuery('visits', params, fetchVisits);
export const useVisit = (id: string) => useRecordQuery('visits', id, fetchVisit);

const settle: Settle<VisitDetail> = { store: (v) => ['visits', 'one', v.id], invalidate: () => [['visits', 'list']] };

export const useCreateVisit = () => useRecordChange(createVisit, settle);
export const useUpdateVisit = (id: string) => useRecordChange((body: Parameters<typeof updateVisit>[1]) => updateVisit(id, body), settle);
