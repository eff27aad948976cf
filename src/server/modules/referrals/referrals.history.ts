/**
 * A referral's history (its steps, oldest first) as its page shows it, read in the page's own statement: one JSON
 * array beside the referral's columns, instead of a second statement after it (the page is the busiest record read).
 * Values travel as JSON can carry them exactly: ids and amounts as text, instants as epoch milliseconds.
 */
import { sql, type SQL } from 'drizzle-orm';
import { actorNameOf } from '../../db/actor-name.js';
import { referralEvents, referrals, rejectionReasons } from '../../db/schema.js';
import type { ReferralStatus } from '../../../shared/machines.js';

/** A step's actor by name: as kept on the row, else the user's (steps written before names were kept). */
export const eventActorName = actorNameOf({ id: referralEvents.actorId, label: referralEvents.actorLabel, name: referralEvents.actorName });

/** The referral's steps as a JSON array (text), for the select list of a statement reading `referrals`. */
export const historyJson: SQL<string> = sql<string>`(select coalesce(json_agg(json_build_object(
    'id', ${referralEvents.id}::text, 'from', ${referralEvents.fromStatus}, 'to', ${referralEvents.toStatus},
    'atMs', floor(extract(epoch from ${referralEvents.at}) * 1000),
    'actorLabel', ${referralEvents.actorLabel}, 'actorName', ${eventActorName}, 'actorKind', ${referralEvents.actorKind}, 'actorRole', ${referralEvents.actorRole},
    'onBehalf', ${referralEvents.onBehalf}, 'source', ${referralEvents.source}, 'note', ${referralEvents.note},
    'approvedAmount', ${referralEvents.approvedAmount}::text, 'paidAmount', ${referralEvents.paidAmount}::text, 'paidDate', ${referralEvents.paidDate},
    'reason', ${referralEvents.reason}, 'reasonName', ${rejectionReasons.name}
  ) order by ${referralEvents.id}), '[]')::text
  from ${referralEvents} left join ${rejectionReasons} on ${rejectionReasons.code} = ${referralEvents.reason} ->> 'code'
  where ${referralEvents.referralId} = ${referrals.id})`;

interface StoredStep {
  id: string;
  from: ReferralStatus | null;
  to: ReferralStatus;
  atMs: number;
  actorLabel: string;
  actorName: string;
  actorKind: string;
  actorRole: string;
  onBehalf: boolean;
  source: string;
  note: string | null;
  approvedAmount: string | null;
  paidAmount: string | null;
  paidDate: string | null;
  reason: { code: string; text: string; letterNo: string; letterDate: string } | null;
  reasonName: string | null;
}

/** The steps as the contract sends them, from `historyJson`. */
export function historyOf(json: string) {
  return (JSON.parse(json) as StoredStep[]).map((e) => ({
    id: e.id,
    from: e.from,
    to: e.to,
    at: new Date(e.atMs).toISOString(),
    actorLabel: e.actorLabel,
    actorName: e.actorName,
    actorKind: e.actorKind,
    actorRole: e.actorRole,
    onBehalf: e.onBehalf,
    source: e.source,
    note: e.note,
    approvedAmount: e.approvedAmount,
    paidAmount: e.paidAmount,
    paidDate: e.paidDate,
    reason: e.reason ? { ...e.reason, name: e.reasonName } : null,
  }));
}
