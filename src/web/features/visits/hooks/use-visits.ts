import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createVisit, fetchVisit, fetchVisits, updateVisit, type VisitBody, type VisitDetail, type VisitListParams } from '../api/visits-api.js';

export function useVisits(params: VisitListParams) {
  return useQuery({
    queryKey: ['visits', 'list', params],
    queryFn: ({ signal }) => fetchVisits(params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useVisit(id: string) {
  return useQuery({ queryKey: ['visits', 'one', id], queryFn: ({ signal }) => fetchVisit(id, signal) });
}

function useSettle() {
  const client = useQueryClient();
  return (v: VisitDetail) => {
    client.setQueryData(['visits', 'one', v.id], v);
    void client.invalidateQueries({ queryKey: ['visits', 'list'] });
  };
}

export function useCreateVisit() {
  const settle = useSettle();
  return useMutation({ mutationFn: (body: VisitBody) => createVisit(body), onSuccess: settle });
}

export function useUpdateVisit(id: string) {
  const settle = useSettle();
  return useMutation({ mutationFn: (body: Parameters<typeof updateVisit>[1]) => updateVisit(id, body), onSuccess: settle });
}
