import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParams } from '../../../shared/contracts/common.js';
import {
  createDemandBody,
  demandDetailSchema,
  demandFeedbackBody,
  demandFollowupBody,
  demandList,
  demandTransitionBody,
  listDemandsQuery,
  patchDemandBody,
} from '../../../shared/contracts/demands.js';
import { ATTACHMENT_LIMITS, fileAttachmentSchema } from '../../../shared/contracts/files.js';
import { contextOf } from '../../plugins/auth.js';
import { ATTACHMENT_UPLOAD_ERRORS, readIdempotentUpload } from '../../plugins/file-transfer.js';
import { addDemandAttachment } from './demands.attachments.js';
import { rateDemand } from './demands.feedback.js';
import { expectedVersion } from '../../plugins/expected-version.js';
import { exportDemandsQuery } from '../../../shared/contracts/demands.js';
import { sendSheetFile } from '../../sheets/table-file.js';
import { exportDemands } from './demands.export.js';
import { addDemandFollowup, createDemand, getDemand, listDemands, transitionDemand, updateDemand } from './demands.service.js';

export async function demandsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['demands'];
  r.get('/demands', { schema: { tags, querystring: listDemandsQuery, response: { 200: demandList } } }, async (req) => listDemands(contextOf(app, req), req.query));
  r.get('/demands/export', { schema: { tags, summary: "The list's demands as .xlsx or .csv (the list's scope, filters and sort)", querystring: exportDemandsQuery } }, async (req, reply) =>
    sendSheetFile(reply, await exportDemands(contextOf(app, req), req.query)),
  );
  r.post('/demands', { schema: { tags, body: createDemandBody, response: { 201: demandDetailSchema } } }, async (req, reply) => {
    reply.code(201);
    return createDemand(contextOf(app, req), req.body);
  });
  r.get('/demands/:id', { schema: { tags, params: idParams, response: { 200: demandDetailSchema } } }, async (req) => getDemand(contextOf(app, req), req.params.id));
  r.patch('/demands/:id', { schema: { tags, params: idParams, body: patchDemandBody, response: { 200: demandDetailSchema } } }, async (req) => {
    const { version, ...changes } = req.body;
    return updateDemand(contextOf(app, req), req.params.id, changes, expectedVersion(version, req));
  });
  r.post(
    '/demands/:id/transitions',
    { schema: { tags, params: idParams, body: demandTransitionBody, response: { 200: demandDetailSchema } } },
    async (req) => transitionDemand(contextOf(app, req), req.params.id, req.body, expectedVersion(req.body.version, req)),
  );
  r.post('/demands/:id/followups', { schema: { tags, params: idParams, body: demandFollowupBody, response: { 201: demandDetailSchema } } }, async (req, reply) => {
    reply.code(201);
    return addDemandFollowup(contextOf(app, req), req.params.id, req.body.note);
  });
  r.post(
    '/demands/:id/attachments',
    {
      config: { idempotency: 'manual' },
      schema: {
        tags,
        summary: 'Attach a document or photo: PDF, PNG or JPEG (told by its bytes), at most 5 MB, multipart field `file`',
        consumes: ['multipart/form-data'],
        params: idParams,
        response: { 201: fileAttachmentSchema },
      },
    },
    async (req, reply) => {
      const ctx = contextOf(app, req);
      const file = await readIdempotentUpload(app, req, reply, ATTACHMENT_LIMITS.maxBytes, ATTACHMENT_UPLOAD_ERRORS);
      if (!file) return reply;
      const attachment = await addDemandAttachment(ctx, req.params.id, { fileName: file.filename, data: file.data });
      return reply.code(201).send(attachment);
    },
  );
  r.post(
    '/demands/:id/feedback',
    { schema: { tags, summary: "The unit's producer rates a resolved or unresolvable demand, 1–5 with an optional comment, once", params: idParams, body: demandFeedbackBody, response: { 201: demandDetailSchema } } },
    async (req, reply) => {
      reply.code(201);
      return rateDemand(contextOf(app, req), req.params.id, req.body);
    },
  );
}
