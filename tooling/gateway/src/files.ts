/**
 * Message attachments (README "Files"; a protocol extension, Link defines none): a user uploads the
 * bytes of a file for one destination (a user or a chat group) and gets a file id; the uploader,
 * that user, or the group's current participants may download it. Held in memory with `data:
 * ':memory:'`, else as `<id>.bin` + `<id>.json` in `<data>/files` (kept across restarts). Per-file
 * size (`maxFileBytes`) and per-uploader total (`maxFileBytesPerUser`) are limited.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Settings } from './config';
import { ChatGroups } from './groups';
import { HttpError } from './http';
import { randomId } from './ids';
import { canonicalAddress, type UserDirectory } from './users';

/** What the gateway knows about a stored file. */
export interface FileInfo {
  fileId: string;
  /** The uploader's username. */
  owner: string;
  /** The destination it was uploaded for: a username or a group id. */
  to: string;
  name: string;
  type: string;
  size: number;
}

/** Longest file name or content type (characters); longer answers 400 + 5. */
const MAX_LABEL = 255;
const FILE_ID = /^file-[A-Za-z0-9_-]{16}$/;

/** The stored files of every user. */
export class FileService {
  private readonly infos = new Map<string, FileInfo>();
  private readonly bytes = new Map<string, Buffer>();
  private readonly dir?: string;

  constructor(
    private readonly settings: Settings,
    private readonly users: UserDirectory,
    private readonly groups: ChatGroups,
  ) {
    if (settings.data === ':memory:') return;
    this.dir = join(settings.data, 'files');
    mkdirSync(this.dir, { recursive: true });
    for (const entry of readdirSync(this.dir)) {
      if (!entry.endsWith('.json')) continue;
      try {
        const info = JSON.parse(readFileSync(join(this.dir, entry), 'utf8')) as FileInfo;
        if (FILE_ID.test(info.fileId)) this.infos.set(info.fileId, info);
      } catch {
        settings.log(`files: skipped the unreadable ${entry}`);
      }
    }
  }

  /** Largest file, in bytes (the upload route's body limit). */
  get maxFileBytes(): number {
    return this.settings.maxFileBytes;
  }

  /** Bytes `owner` has stored. */
  private used(owner: string): number {
    let total = 0;
    for (const info of this.infos.values()) if (info.owner === owner) total += info.size;
    return total;
  }

  /** The canonical destination of `to` for `owner`: a group of theirs or a user; 404 + 1004 otherwise. */
  private destination(owner: string, to: string): string {
    const target = to.trim();
    if (ChatGroups.isGroupId(target)) {
      if (!this.groups.get(owner, target)) throw new HttpError(404, 1004, 'Unknown destination');
      return target;
    }
    const user = this.users.find(canonicalAddress(target, this.users.defaultDomain));
    if (!user) throw new HttpError(404, 1004, 'Unknown destination');
    return user.username;
  }

  /** Stores `body` from `owner` for `to`; 400 + 5 empty or bad labels, 413 + 5 over the size, 403 + 19 over the quota. */
  upload(owner: string, to: string, name: string, type: string, body: Buffer): FileInfo {
    if (body.length === 0) throw new HttpError(400, 5, 'A file must not be empty');
    if (body.length > this.settings.maxFileBytes) throw new HttpError(413, 5, `File of ${body.length} bytes is over the limit of ${this.settings.maxFileBytes}`);
    if (!name || name.length > MAX_LABEL || type.length > MAX_LABEL || !/^[\w.+-]+\/[\w.+-]+$/.test(type)) {
      throw new HttpError(400, 5, '"name" must be 1-255 characters and "type" a content type');
    }
    const destination = this.destination(owner, to);
    if (this.used(owner) + body.length > this.settings.maxFileBytesPerUser) {
      throw new HttpError(403, 19, `Stored files are over the limit of ${this.settings.maxFileBytesPerUser} bytes per user`);
    }
    const info: FileInfo = { fileId: randomId('file-', 12), owner, to: destination, name, type, size: body.length };
    if (this.dir) {
      writeFileSync(join(this.dir, `${info.fileId}.bin`), body);
      writeFileSync(join(this.dir, `${info.fileId}.json`), JSON.stringify(info));
    } else this.bytes.set(info.fileId, body);
    this.infos.set(info.fileId, info);
    return info;
  }

  /** The file `fileId` for `username`: 404 + 42 when it does not exist or `username` may not read it (one answer for both). */
  download(username: string, fileId: string): { info: FileInfo; body: Buffer } {
    const info = FILE_ID.test(fileId) ? this.infos.get(fileId) : undefined;
    if (!info || !this.mayRead(username, info)) throw new HttpError(404, 42, 'No such file');
    const body = this.dir ? readFileSync(join(this.dir, `${info.fileId}.bin`)) : this.bytes.get(fileId)!;
    return { info, body };
  }

  private mayRead(username: string, info: FileInfo): boolean {
    if (username === info.owner || username === info.to) return true;
    return ChatGroups.isGroupId(info.to) && this.groups.get(username, info.to) !== undefined;
  }
}
