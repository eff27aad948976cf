/**
 * An edit of a versioned record, the same for every record that has no state machine of its own (a quota, a bank's
 * monthly report): one transaction locks the record in the caller's scope (404 outside it), checks the caller's
 * version (409 with the current record), writes the change with the next version, and audits it before and after.
 */
import type { ServiceContext } from '../context.js';
import type { DbOrTx } from '../db/client.js';
import { assertVersion, type ExpectedVersion } from '../db/concurrency.js';
import { AppError } from '../../shared/errors.js';
import { recordAudit, type AuditInput } from '../modules/audit/audit.service.js';

export interface VersionedEdit<T> {
  /** Locks the record in the caller's scope (FOR UPDATE) and reads its version; undefined outside the scope. */
  lock(tx: DbOrTx): Promise<{ version: number } | undefined>;
  /** Reads the record as its contract shows it. */
  read(tx: DbOrTx): Promise<T | undefined>;
  /** Writes the change together with the record's next version and time. */
  write(tx: DbOrTx, stamps: { version: number; updatedAt: Date }): Promise<void>;
  audit: Omit<AuditInput, 'before' | 'after'>;
}

export function editVersioned<T>(ctx: ServiceContext, expected: ExpectedVersion, edit: VersionedEdit<T>): Promise<T> {
  return ctx.db.transaction(async (tx) => {
    const locked = await edit.lock(tx);
    const before = locked ? await edit.read(tx) : undefined;
    if (!locked || !before) throw new AppError('record.not_found');
    assertVersion(locked.version, expected, before);
    await edit.write(tx, { version: locked.version + 1, updatedAt: ctx.now() });
    const after = (await edit.read(tx))!;
    await recordAudit(tx, ctx, { ...edit.audit, before, after });
    return after;
  });
}
