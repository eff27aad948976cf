/**
 * A draft becomes a record: checked on the device (so a visit that would be refused is fixed before it leaves),
 * then turned into the outbox entry that carries it to the server — the visit's body with its demands, the photos,
 * and any correction to the unit's register.
 */
import { normalizeCode, normalizePersian, toAsciiDigits } from '../../../../shared/text.js';
import type { CreateVisitBody, DraftDemand, FieldDraft, FieldKitRecord, OutboxEntry, UnitChanges } from '../types.js';

export type DraftProblem =
  | { field: 'employees' | 'capacityUtilization'; problem: 'number' }
  | { field: 'capacityUtilization'; problem: 'percent' }
  | { field: `demands.${number}.${'title' | 'categoryCode' | 'dueDate'}`; problem: 'required' };

/** A whole number typed with Persian, Arabic or Latin digits; null when empty, NaN when not a number. */
export function parseCount(text: string): number | null {
  const s = toAsciiDigits(text).replace(/[,٬\s]/g, '');
  if (!s) return null;
  return /^\d{1,7}$/.test(s) ? Number(s) : Number.NaN;
}

export function checkDraft(draft: FieldDraft): DraftProblem[] {
  const problems: DraftProblem[] = [];
  const employees = parseCount(draft.employees);
  if (Number.isNaN(employees)) problems.push({ field: 'employees', problem: 'number' });
  const capacity = parseCount(draft.capacityUtilization);
  if (Number.isNaN(capacity)) problems.push({ field: 'capacityUtilization', problem: 'number' });
  else if (capacity !== null && capacity > 100) problems.push({ field: 'capacityUtilization', problem: 'percent' });
  draft.demands.forEach((d, i) => {
    if (!d.title.trim()) problems.push({ field: `demands.${i}.title`, problem: 'required' });
    if (!d.categoryCode) problems.push({ field: `demands.${i}.categoryCode`, problem: 'required' });
    if (!d.dueDate) problems.push({ field: `demands.${i}.dueDate`, problem: 'required' });
  });
  return problems;
}

function demandBody(d: DraftDemand) {
  const title = d.title.trim();
  return {
    categoryCode: d.categoryCode,
    title,
    // the description is required by the demand contract; heard in a yard, the title often says it all
    description: d.description.trim() || title,
    ...(d.agencyId ? { agencyId: d.agencyId } : {}),
    priority: 'normal' as const,
    ...(d.dueDate ? { dueDate: d.dueDate } : {}),
  };
}

export function visitBody(draft: FieldDraft, kit: FieldKitRecord): CreateVisitBody {
  const employees = parseCount(draft.employees);
  const capacity = parseCount(draft.capacityUtilization);
  return {
    clientId: draft.clientId,
    plannedVisitId: kit.visitId,
    unitId: kit.visit.unitId,
    visitDate: draft.visitDate,
    team: kit.visit.team,
    memberIds: kit.visit.memberIds,
    findings: draft.findings.trim() || null,
    employees: employees ?? null,
    capacityUtilization: capacity ?? null,
    status: 'done',
    location: draft.location ? { lat: draft.location.lat, lng: draft.location.lng, accuracyM: Math.round(draft.location.accuracyM * 10) / 10 } : null,
    demands: draft.demands.map(demandBody),
  };
}

/** What the register would change to; empty when nothing differs from what was downloaded. */
export function unitChangesOf(draft: FieldDraft, kit: FieldKitRecord): { changes: UnitChanges; before: UnitChanges } | null {
  const u = draft.unitUpdate;
  if (!u.enabled) return null;
  const unit = kit.field.unit;
  const changes: UnitChanges = {};
  const before: UnitChanges = {};
  // normalised as the server stores them, so an unchanged field is not sent and a lost answer is recognised
  const text = (v: string) => normalizePersian(v) || null;
  const phone = normalizeCode(u.phone) || null;
  if (phone !== unit.phone) {
    changes.phone = phone;
    before.phone = unit.phone;
  }
  if (text(u.managerName) !== unit.managerName) {
    changes.managerName = text(u.managerName);
    before.managerName = unit.managerName;
  }
  if (text(u.address) !== unit.address) {
    changes.address = text(u.address);
    before.address = unit.address;
  }
  if (u.observedFigures) {
    const employees = parseCount(draft.employees);
    const capacity = parseCount(draft.capacityUtilization);
    if (employees !== null && !Number.isNaN(employees) && employees !== unit.employees) {
      changes.employees = employees;
      before.employees = unit.employees;
    }
    if (capacity !== null && !Number.isNaN(capacity) && capacity !== unit.capacityUtilization) {
      changes.capacityUtilization = capacity;
      before.capacityUtilization = unit.capacityUtilization;
    }
  }
  return Object.keys(changes).length ? { changes, before } : null;
}

/** The outbox entry for a checked draft; every key it will ever send is made here, once. */
export function entryOf(draft: FieldDraft, kit: FieldKitRecord, photos: { id: string; fileName: string }[], now: Date, newKey: () => string): OutboxEntry {
  const unit = unitChangesOf(draft, kit);
  return {
    id: draft.clientId,
    userId: draft.userId,
    createdAt: now.toISOString(),
    label: { unitName: kit.field.unit.name, visitDate: draft.visitDate, demandCount: draft.demands.length, photoCount: photos.length },
    visit: { body: visitBody(draft, kit), idempotencyKey: newKey(), state: 'waiting', serverId: null },
    photos: photos.map((p) => ({ photoId: p.id, fileName: p.fileName, idempotencyKey: newKey(), state: 'waiting', attachmentId: null })),
    unit: unit
      ? { unitId: kit.field.unit.id, unitName: kit.field.unit.name, baseVersion: kit.field.unit.version, changes: unit.changes, before: unit.before, state: 'waiting', current: null }
      : null,
    status: 'waiting',
    conflict: null,
    attempts: 0,
    lastError: null,
    nextAttemptAt: null,
    sentAt: null,
  };
}
