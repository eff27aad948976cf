import { sql } from 'drizzle-orm';
import { bigint, customType, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/** File contents, once per SHA-256 (the same letter uploaded twice is one blob). */
export const fileBlobs = pgTable('file_blobs', {
  sha256: text('sha256').primaryKey(),
  size: bigint('size', { mode: 'number' }).notNull(),
  createdAt: tstz('created_at').notNull().defaultNow(),
});

/** A blob's bytes in chunks of 256 KB, read one at a time when it is served. */
export const fileChunks = pgTable(
  'file_chunks',
  {
    sha256: text('sha256').notNull().references(() => fileBlobs.sha256, { onDelete: 'cascade' }),
    n: integer('n').notNull(),
    data: bytea('data').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sha256, t.n] })],
);

/** One use of a file: which record holds it (owner type + id), its name, type and who uploaded it. */
export const fileAttachments = pgTable(
  'file_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerType: text('owner_type').notNull(),
    ownerId: text('owner_id').notNull(),
    provinceId: text('province_id'),
    kind: text('kind').notNull().default('other'),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    /** no foreign key: rows moved from the old data folder exist before their bytes are imported at start */
    sha256: text('sha256').notNull(),
    uploadedBy: text('uploaded_by'),
    uploadedByLabel: text('uploaded_by_label').notNull(),
    createdAt: tstz('created_at').notNull().default(sql`now()`),
  },
  (t) => [index('file_attachments_owner_idx').on(t.ownerType, t.ownerId, t.createdAt), index('file_attachments_sha_idx').on(t.sha256)],
);
