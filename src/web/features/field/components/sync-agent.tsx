import { useEffect } from 'react';
import { startFieldSync } from '../sync/sync-agent.js';

/** Mounted by the signed-in frame for those who record visits: the outbox is sent whenever the network allows. */
export function FieldSyncAgent({ userId }: { userId: string }) {
  useEffect(() => startFieldSync(userId), [userId]);
  return null;
}
