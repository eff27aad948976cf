/** `GET /files/:id`: any attachment by its id, to whoever can see the record holding it (the modules in `owners`). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParams } from '../../../shared/contracts/common.js';
import { contextOf } from '../../plugins/auth.js';
import { sendFile } from '../../plugins/file-transfer.js';
import { openFile, type FileOwner } from './files.service.js';

export async function filesRoutes(app: FastifyInstance, opts: { owners: readonly FileOwner[] }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/files/:id',
    {
      schema: {
        tags: ['files'],
        summary: "Download an attachment by its id (a record's `attachments[].id`); 404 unless the caller can see the record that holds it",
        params: idParams,
      },
    },
    async (req, reply) => {
      const { attachment, stream } = await openFile(contextOf(app, req), opts.owners, req.params.id);
      return sendFile(req, reply, attachment, stream);
    },
  );
}
