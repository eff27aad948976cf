/** The outbox's way to the server: the app's API client, with the keys each entry carries. */
import { api } from '../../../lib/api.js';
import type { VisitAttachment, VisitDetail } from '../../../../shared/contracts/visits.js';
import type { Unit } from '../../../../shared/contracts/units.js';
import type { FieldTransport } from './outbox.js';

export const httpTransport: FieldTransport = {
  async createVisit(body, idempotencyKey) {
    const visit = await api.post<VisitDetail>('/visits', body, { headers: { 'Idempotency-Key': idempotencyKey } });
    return { id: visit.id };
  },
  async uploadPhoto(visitId, photo, idempotencyKey) {
    const file = new File([photo.bytes], photo.fileName, { type: photo.type });
    const attachment = await api.upload<VisitAttachment>(`/visits/${visitId}/attachments`, file, { headers: { 'Idempotency-Key': idempotencyKey } });
    return { id: attachment.id };
  },
  async updateUnit(unitId, body) {
    const unit = await api.patch<Unit>(`/units/${unitId}`, body);
    return { version: unit.version };
  },
};
