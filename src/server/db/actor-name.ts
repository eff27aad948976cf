/**
 * Who did something, as a person reads it: their full name, never their username. Trail rows keep the name as it was
 * then (`actor_name`); where a row has none (the audit trail, and referral steps written before the name was kept)
 * the user's present full name is read, and only an actor that is no user (a token, the system) shows its label.
 */
import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { users } from './schema.js';

export function actorNameOf(actor: { id: AnyColumn; label: AnyColumn; name?: AnyColumn }): SQL<string> {
  const ofUser = sql`(select ${users.fullName} from ${users} where ${users.id}::text = ${actor.id})`;
  return actor.name ? sql<string>`coalesce(${actor.name}, ${ofUser}, ${actor.label})` : sql<string>`coalesce(${ofUser}, ${actor.label})`;
}
