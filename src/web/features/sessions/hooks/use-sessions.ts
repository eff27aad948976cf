import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useListQuery, useRecordQuery } from '../../../lib/list-queries.js';
import {
  addAgendaItem,
  carryOver,
  createResolution,
  createSession,
  fetchCandidates,
  fetchSession,
  fetchSessions,
  moveAgendaItem,
  patchSession,
  type AgendaItemBody,
  type CreateSessionBody,
  type PatchSessionBody,
  type ResolutionBody,
  type SessionDetail,
  type SessionListParams,
} from '../api/sessions-api.js';

export const useSessions = (params: SessionListParams) => useListQuery('sessions', params, fetchSessions);
export const useSession = (id: string) => useRecordQuery('sessions', id, fetchSession);

export function useAgendaCandidates(id: string, enabled: boolean) {
  return useQuery({ queryKey: ['sessions', 'candidates', id], queryFn: ({ signal }) => fetchCandidates(id, signal), enabled });
}

/** After a change the session is read again (agenda, resolutions and counts all move together). */
function useRefresh(id?: string) {
  const client = useQueryClient();
  return (detail?: SessionDetail) => {
    if (detail) client.setQueryData(['sessions', 'one', detail.id], detail);
    if (id) void client.invalidateQueries({ queryKey: ['sessions', 'one', id] });
    void client.invalidateQueries({ queryKey: ['sessions', 'list'] });
    void client.invalidateQueries({ queryKey: ['sessions', 'candidates'] });
    void client.invalidateQueries({ queryKey: ['resolutions'] });
  };
}

export function useCreateSession() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (body: CreateSessionBody) => createSession(body), onSuccess: (d) => refresh(d) });
}

export function usePatchSession(id: string) {
  const refresh = useRefresh();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: PatchSessionBody) => patchSession(id, body),
    onSuccess: (d) => refresh(d),
    // a stale version (someone else saved meanwhile): show the current session, so the next try can succeed
    onError: () => void client.invalidateQueries({ queryKey: ['sessions', 'one', id] }),
  });
}

export function useAddAgendaItem(id: string) {
  const refresh = useRefresh(id);
  return useMutation({ mutationFn: (body: AgendaItemBody) => addAgendaItem(id, body), onSuccess: () => refresh() });
}

export function useMoveAgendaItem(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (v: { itemId: string; version: number; position?: number; status?: 'pending' | 'discussed' }) =>
      moveAgendaItem(id, v.itemId, { version: v.version, ...(v.position ? { position: v.position } : {}), ...(v.status ? { status: v.status } : {}) }),
    onSuccess: (d) => refresh(d),
  });
}

export function useCarryOver(id: string) {
  const refresh = useRefresh(id);
  return useMutation({ mutationFn: (v: { itemId: string; version: number }) => carryOver(id, v.itemId, v.version), onSuccess: () => refresh() });
}

export function useCreateResolution(id: string) {
  const refresh = useRefresh(id);
  return useMutation({ mutationFn: (body: ResolutionBody) => createResolution(id, body), onSuccess: () => refresh() });
}
