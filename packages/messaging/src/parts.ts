/**
 * Message parts: their checks, and how they travel as one Link `message` text. A message of one
 * `text` part is sent as its text; any other message as the JSON envelope `{"sbParts":[…]}`,
 * which the receiving SDK turns back into parts (another client shows the JSON).
 */
import { messagingError } from './errors';
import type { FileInfo } from './backend';
import type { MessagePart } from './types';

const KINDS = ['text', 'json', 'file', 'location'];
/** Whether `v` is a Blob (or File) to upload. @internal */
export const isBlob = (v: unknown): v is Blob => typeof Blob !== 'undefined' && v instanceof Blob;
/** Whether `v` is a stored file's info; its url must be a gateway file path (never another route). @internal */
export const isFileInfo = (v: unknown): v is FileInfo => {
  const f = v as FileInfo;
  return typeof f === 'object' && f !== null && typeof f.url === 'string' && /^files\/[\w-]{1,64}$/.test(f.url) &&
    typeof f.name === 'string' && typeof f.size === 'number' && typeof f.type === 'string';
};
const inRange = (v: unknown, limit: number) => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= limit;

/**
 * A checked copy of `part`.
 * @throws TypeError when `part` is not an object or its `type`/`text` has the wrong type;
 *   INVALID_ARGUMENT for an unknown type, a bad location or a json value that is not JSON;
 *   a `file` part's `file` must be a Blob/File (or a stored file's info), else TypeError
 * @internal
 */
export function checkPart(part: unknown, method: string): MessagePart {
  if (typeof part !== 'object' || part === null || Array.isArray(part)) throw new TypeError(`${method}: part must be an object`);
  const p = part as MessagePart;
  if (typeof p.type !== 'string') throw new TypeError(`${method}: part.type must be a string`);
  if (!KINDS.includes(p.type)) throw messagingError('INVALID_ARGUMENT', `${method}: part.type must be one of ${KINDS.join(', ')}.`);
  if (p.type === 'file') {
    const f = p.file;
    if (isBlob(f)) return { type: 'file', file: f };
    if (!isFileInfo(f)) throw new TypeError(`${method}: a file part needs a Blob or File as file`);
    return { type: 'file', file: { url: f.url, name: f.name, size: f.size, type: f.type } };
  }
  if (p.type === 'text') {
    if (typeof p.text !== 'string') throw new TypeError(`${method}: a text part needs a string text`);
    return { type: 'text', text: p.text };
  }
  if (p.type === 'location') {
    const l = p.location;
    if (typeof l !== 'object' || l === null || !inRange(l.latitude, 90) || !inRange(l.longitude, 180)) {
      throw messagingError('INVALID_ARGUMENT', `${method}: a location part needs location {latitude −90…90, longitude −180…180}.`);
    }
    return { type: 'location', location: { latitude: l.latitude, longitude: l.longitude } };
  }
  let json: unknown;
  try {
    json = p.json === undefined ? undefined : JSON.parse(JSON.stringify(p.json));
  } catch (cause) {
    throw messagingError('INVALID_ARGUMENT', `${method}: part.json is not JSON-serialisable.`, cause);
  }
  if (json === undefined) throw messagingError('INVALID_ARGUMENT', `${method}: a json part needs a json value.`);
  return { type: 'json', json };
}

/** Whether a message of these parts has nothing to send (no parts, or only blank text). @internal */
export const isEmpty = (parts: MessagePart[]) => parts.every((p) => p.type === 'text' && (p.text ?? '').trim() === '');

/** The Link `message` text of `parts`. @internal */
export const encodeParts = (parts: MessagePart[]): string =>
  parts.length === 1 && parts[0]!.type === 'text' ? parts[0]!.text! : JSON.stringify({ sbParts: parts });

/** The parts of a received text: the envelope's, else one text part. @internal */
export function decodeParts(text: string): MessagePart[] {
  if (text.startsWith('{"sbParts":')) {
    try {
      const parts = (JSON.parse(text) as { sbParts?: unknown }).sbParts;
      if (Array.isArray(parts) && parts.length > 0) return parts.map((p) => checkPart(p, 'decode'));
    } catch {
      // not an envelope after all: shown as text
    }
  }
  return [{ type: 'text', text }];
}

/** Copies of parts (handed out). @internal */
export const copyParts = (parts: MessagePart[]): MessagePart[] => parts.map((p) => (p.type === 'json' ? { ...p, json: JSON.parse(JSON.stringify(p.json)) } : p.type === 'location' ? { ...p, location: { ...p.location! } } : p.type === 'file' && !isBlob(p.file) ? { ...p, file: { ...p.file! } } : { ...p }));
