import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParams } from '../../../shared/contracts/common.js';
import {
  createVisitBody,
  listVisitsQuery,
  patchVisitBody,
  visitAttachmentParams,
  visitAttachmentSchema,
  visitDetailSchema,
  visitList,
} from '../../../shared/contracts/visits.js';
import { contextOf } from '../../plugins/auth.js';
import { exportVisitsQuery } from '../../../shared/contracts/visits.js';
import { sendSheetFile } from '../../sheets/table-file.js';
import { exportVisits } from './visits.export.js';
import { expectedVersion } from '../../plugins/expected-version.js';
import { ATTACHMENT_UPLOAD_ERRORS, contentDisposition, readIdempotentUpload } from '../../plugins/file-transfer.js';
import { addVisitAttachment, MAX_VISIT_ATTACHMENT_BYTES, openVisitAttachment } from './visits.attachments.js';
import { createVisit, getVisit, listVisits, updateVisit } from './visits.service.js';

export async function visitsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['visits'];
  r.get(
    '/visits',
    { schema: { tags, summary: 'Visits in the caller’s scope; `memberId=me&status=planned&include=field` is what a team member takes into the field', querystring: listVisitsQuery, response: { 200: visitList } } },
    async (req) => listVisits(contextOf(app, req), req.query),
  );
  r.post(
    '/visits',
    {
      schema: {
        tags,
        summary: 'Record a visit; with `clientId` a repeat answers the first visit (200) and writes nothing; `demands` are created with it in one transaction',
        body: createVisitBody,
        response: { 200: visitDetailSchema, 201: visitDetailSchema },
      },
    },
    async (req, reply) => {
      const { visit, replayed } = await createVisit(contextOf(app, req), req.body);
      reply.code(replayed ? 200 : 201);
      return visit;
    },
  );
  r.get('/visits/:id', { schema: { tags, summary: 'A visit with its demands, attachments and position', params: idParams, response: { 200: visitDetailSchema } } }, async (req) =>
    getVisit(contextOf(app, req), req.params.id),
  );
  r.get('/visits/export', { schema: { tags, summary: "The list's visits as .xlsx or .csv (the list's scope, filters and sort)", querystring: exportVisitsQuery } }, async (req, reply) =>
    sendSheetFile(reply, await exportVisits(contextOf(app, req), req.query)),
  );
  r.patch('/visits/:id', { schema: { tags, params: idParams, body: patchVisitBody, response: { 200: visitDetailSchema } } }, async (req) => {
    const { version, ...changes } = req.body;
    return updateVisit(contextOf(app, req), req.params.id, changes, expectedVersion(version, req));
  });
  r.post(
    '/visits/:id/attachments',
    {
      config: { idempotency: 'manual' },
      schema: {
        tags,
        summary: 'Attach a photo (JPEG, PNG) or a PDF, at most 5 MB, multipart field `file`; the same bytes on the same visit answer the existing attachment (200)',
        consumes: ['multipart/form-data'],
        params: idParams,
        response: { 200: visitAttachmentSchema, 201: visitAttachmentSchema },
      },
    },
    async (req, reply) => {
      const ctx = contextOf(app, req);
      const file = await readIdempotentUpload(app, req, reply, MAX_VISIT_ATTACHMENT_BYTES, ATTACHMENT_UPLOAD_ERRORS);
      if (!file) return reply;
      const { attachment, created } = await addVisitAttachment(ctx, req.params.id, { fileName: file.filename, data: file.data });
      return reply.code(created ? 201 : 200).send(attachment);
    },
  );
  r.get('/visits/:id/attachments/:attachmentId', { schema: { tags, summary: 'Download a visit’s attachment', params: visitAttachmentParams } }, async (req, reply) => {
    const { attachment, stream } = await openVisitAttachment(contextOf(app, req), req.params.id, req.params.attachmentId);
    return reply
      .header('content-type', attachment.mime)
      .header('content-length', String(attachment.size))
      .header('content-disposition', contentDisposition(attachment.fileName, attachment.mime.startsWith('image/') ? 'inline' : 'attachment'))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(stream);
  });
}
