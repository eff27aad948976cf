/** SQL of the file store: blobs by SHA-256, their chunks, and the attachment rows that use them. */
import { and, asc, eq, isNull, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { preparedOn } from '../../db/prepared.js';
import { fileAttachments, fileBlobs, fileChunks } from '../../db/schema.js';

export type FileAttachmentRow = typeof fileAttachments.$inferSelect;
export type NewFileAttachment = typeof fileAttachments.$inferInsert;

export async function hasBlob(db: DbOrTx, sha256: string): Promise<boolean> {
  const [row] = await db.select({ sha256: fileBlobs.sha256 }).from(fileBlobs).where(eq(fileBlobs.sha256, sha256)).limit(1);
  return !!row;
}

/**
 * Claims the blob row; true when this caller inserted it (and must write the chunks in the same transaction).
 * A concurrent upload of the same bytes waits on the row and then finds it present.
 */
export async function claimBlob(db: DbOrTx, sha256: string, size: number, at: Date): Promise<boolean> {
  const rows = await db.insert(fileBlobs).values({ sha256, size, createdAt: at }).onConflictDoNothing().returning({ sha256: fileBlobs.sha256 });
  return rows.length > 0;
}

export async function insertChunk(db: DbOrTx, sha256: string, n: number, data: Buffer): Promise<void> {
  await db.insert(fileChunks).values({ sha256, n, data });
}

/** How many bytes a row of a chunk's read carries (see `readChunk`). */
export const READ_PIECE_BYTES = 32 * 1024;

/**
 * A chunk's bytes as rows of `READ_PIECE_BYTES` (an empty list when there is no chunk `n`). Read whole, a 256 KB
 * chunk arrives as one 512 KB message of hex that the driver grows its buffer for by doubling, decodes into a string
 * and then into a Buffer: ~2.7 MB of short-lived memory outside the JavaScript heap per 256 KB served, so a 5 MB
 * letter raised an instance's RSS by 20–30 MB. Pieces of 32 KB fit the socket's reads.
 */
export async function readChunk(db: DbOrTx, sha256: string, n: number): Promise<Buffer[]> {
  const rows = await db
    .select({ data: sql<Buffer>`substring(${fileChunks.data} from o for ${sql.raw(String(READ_PIECE_BYTES))})`.mapWith(fileChunks.data) })
    .from(sql`${fileChunks}, generate_series(1, length(${fileChunks.data}), ${sql.raw(String(READ_PIECE_BYTES))}) as o`)
    .where(and(eq(fileChunks.sha256, sha256), eq(fileChunks.n, n)))
    .orderBy(sql`o`);
  return rows.map((r) => r.data);
}

export async function insertAttachment(db: DbOrTx, values: NewFileAttachment): Promise<FileAttachmentRow> {
  const [row] = await db.insert(fileAttachments).values(values).returning();
  return row!;
}

/** Whether the record `ownerId` (a column of the record's own statement) has attachments: one probe of the owner index. */
export function hasAttachmentsSql(ownerType: string, ownerId: SQLWrapper): SQL<boolean> {
  return sql<boolean>`exists (select 1 from ${fileAttachments} where ${fileAttachments.ownerType} = ${ownerType} and ${fileAttachments.ownerId} = ${ownerId}::text)`;
}

export async function findAttachmentsOf(db: DbOrTx, ownerType: string, ownerId: string): Promise<FileAttachmentRow[]> {
  const query = preparedOn(db, 'file_attachments_of', (on, name) =>
    on
      .select()
      .from(fileAttachments)
      .where(and(eq(fileAttachments.ownerType, sql.placeholder('ownerType')), eq(fileAttachments.ownerId, sql.placeholder('ownerId'))))
      .orderBy(asc(fileAttachments.createdAt), asc(fileAttachments.id))
      .prepare(name),
  );
  return query.execute({ ownerType, ownerId });
}

export async function findAttachment(db: DbOrTx, id: string): Promise<FileAttachmentRow | undefined> {
  const [row] = await db.select().from(fileAttachments).where(eq(fileAttachments.id, id));
  return row;
}

/** Hashes named by attachments whose bytes are not in the database yet (moved from the old data folder). */
export async function findMissingBlobs(db: DbOrTx): Promise<string[]> {
  const rows = await db
    .selectDistinct({ sha256: fileAttachments.sha256 })
    .from(fileAttachments)
    .leftJoin(fileBlobs, eq(fileBlobs.sha256, fileAttachments.sha256))
    .where(isNull(fileBlobs.sha256));
  return rows.map((r) => r.sha256);
}

export async function countChunks(db: DbOrTx, sha256: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(fileChunks).where(eq(fileChunks.sha256, sha256));
  return row?.n ?? 0;
}
