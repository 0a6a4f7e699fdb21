/**
 * REST routes of message attachments (README "Files", an extension): `POST files?to=&name=&type=`
 * with the raw bytes as the body, `GET files/{fileId}` answering them.
 */
import type { FileService } from './files';
import type { Route } from './router';

const BASE = '/rest/version/1/user/:userId';

/** The file routes. */
export function fileRoutes(files: FileService): Route[] {
  return [
    {
      method: 'POST',
      path: `${BASE}/files`,
      wrapper: 'fileResponse',
      rawBody: true,
      bodyLimit: files.maxFileBytes,
      handler: (ctx) => {
        const q = ctx.url.searchParams;
        const info = files.upload(ctx.user.username, q.get('to') ?? '', q.get('name') ?? '', q.get('type') || 'application/octet-stream', ctx.body as Buffer);
        const { fileId, name, type, size } = info;
        return { status: 201, body: { fileResponse: { statusCode: 0, fileId, url: `files/${fileId}`, name, type, size } } };
      },
    },
    {
      method: 'GET',
      path: `${BASE}/files/:fileId`,
      wrapper: 'fileResponse',
      handler: (ctx) => {
        const { info, body } = files.download(ctx.user.username, ctx.params.fileId);
        const disposition = `attachment; filename*=UTF-8''${encodeURIComponent(info.name)}`;
        return { status: 200, raw: body, headers: { 'Content-Type': info.type, 'Content-Disposition': disposition, 'X-Content-Type-Options': 'nosniff' } };
      },
    },
  ];
}
