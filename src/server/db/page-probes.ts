/**
 * A record's page shows lists beside the record (its history, follow-ups, documents, the resolutions about it). Whether
 * each has rows is read in the record's own statement, so the page sends no statement for an empty one. The lists
 * other modules own are probed by SQL those modules give (files, resolutions), built on the record's id column.
 */
import type { SQL, SQLWrapper } from 'drizzle-orm';

export type ForeignProbes = (id: SQLWrapper) => { files: SQL<boolean>; resolutions: SQL<boolean> };
