/**
 * What the field screens keep on the device (IndexedDB, see store/field-db.ts): the visits downloaded for the day,
 * the drafts being typed, the photos taken, and the outbox of records waiting to reach the server.
 * Types of what the server sends come from the shared contracts.
 */
import type { z } from 'zod';
import type { createVisitBody, VisitFieldKit, VisitListItem } from '../../../shared/contracts/visits.js';
import type { ObstacleCategory, ReferenceItem } from '../../lib/reference.js';

export type CreateVisitBody = z.input<typeof createVisitBody>;

/** A planned visit as downloaded for the field: the visit with its field kit. */
export interface FieldKitRecord {
  /** `${userId}/${visitId}` */
  key: string;
  userId: string;
  visitId: string;
  visit: Omit<VisitListItem, 'field'>;
  field: VisitFieldKit;
  downloadedAt: string;
}

/** What the forms need offline besides the visits: the obstacle categories and the agencies. */
export interface FieldReference {
  categories: ObstacleCategory[];
  agencies: ReferenceItem[];
}

export interface FieldMeta {
  /** `${userId}/download` */
  key: string;
  userId: string;
  downloadedAt: string;
  reference: FieldReference;
}

export interface DraftLocation {
  lat: number;
  lng: number;
  accuracyM: number;
  /** when the device took it */
  at: string;
}

export interface DraftDemand {
  /** local key for the list */
  key: string;
  title: string;
  description: string;
  categoryCode: string;
  agencyId: string;
  dueDate: string | null;
}

/** Corrections to the unit's register made on site; sent as a PATCH naming the version downloaded. */
export interface DraftUnitUpdate {
  enabled: boolean;
  phone: string;
  managerName: string;
  address: string;
  /** also write the staff and capacity use observed into the register */
  observedFigures: boolean;
}

/** A visit being recorded: saved as it is typed, so closing the app loses nothing. */
export interface FieldDraft {
  /** `${userId}/${visitId}` */
  key: string;
  userId: string;
  visitId: string;
  unitId: string;
  /** made when the draft starts and kept through the outbox: the server's replay key */
  clientId: string;
  visitDate: string;
  findings: string;
  employees: string;
  capacityUtilization: string;
  location: DraftLocation | null;
  photoIds: string[];
  demands: DraftDemand[];
  unitUpdate: DraftUnitUpdate;
  startedAt: string;
  updatedAt: string;
}

/** A photo as kept on the device: the resized JPEG's bytes, exactly what is uploaded. */
export interface FieldPhoto {
  id: string;
  userId: string;
  /** the draft's key, then the outbox entry's id */
  ownerKey: string;
  fileName: string;
  type: string;
  bytes: ArrayBuffer;
  width: number;
  height: number;
  takenAt: string;
}

export type PartState = 'waiting' | 'sent' | 'failed' | 'conflict';
export type EntryStatus = 'waiting' | 'sending' | 'sent' | 'failed' | 'conflict';

/** Why the last attempt did not go through, as the server (or the network) said it. */
export interface SyncProblem {
  code: string;
  status: number;
  /** the server's title, in the user's language; empty for network failures */
  title: string;
  fieldErrors: { path: string; message: string }[];
  at: string;
  /** true when trying again may help (network, server busy); false when a person must act */
  retryable: boolean;
}

export interface OutboxVisitPart {
  body: CreateVisitBody;
  idempotencyKey: string;
  state: PartState;
  serverId: string | null;
}

export interface OutboxPhotoPart {
  photoId: string;
  fileName: string;
  idempotencyKey: string;
  state: PartState;
  attachmentId: string | null;
}

export interface UnitChanges {
  phone?: string | null;
  managerName?: string | null;
  address?: string | null;
  employees?: number;
  capacityUtilization?: number;
}

export interface OutboxUnitPart {
  unitId: string;
  unitName: string;
  /** the unit's version when it was downloaded */
  baseVersion: number;
  changes: UnitChanges;
  /** the register as downloaded, to show beside the server's in a conflict */
  before: UnitChanges;
  state: PartState | 'dropped';
  /** on a conflict: the unit as the server holds it now */
  current: (UnitChanges & { version: number; updatedAt?: string }) | null;
}

export type OutboxConflict = { kind: 'planned'; current: { status: string; visitDate: string; version: number } | null } | { kind: 'unit' };

export interface OutboxEntry {
  /** the record's clientId */
  id: string;
  userId: string;
  createdAt: string;
  label: { unitName: string; visitDate: string; demandCount: number; photoCount: number };
  visit: OutboxVisitPart;
  photos: OutboxPhotoPart[];
  unit: OutboxUnitPart | null;
  status: EntryStatus;
  conflict: OutboxConflict | null;
  attempts: number;
  lastError: SyncProblem | null;
  nextAttemptAt: string | null;
  sentAt: string | null;
}
