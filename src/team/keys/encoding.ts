/**
 * Byte helpers shared by the team keys: Web Crypto's SubtleCrypto, an unambiguous encoding of
 * several strings as one byte string (for HKDF contexts, associated data, MACs and
 * signatures), and hex. Pure Web Crypto: runs in the browser and in Node 20.
 */
import { utf8Encoder, type Bytes } from '../../lib/crypto';

/** Every label the team keys bind to their contexts starts with this. */
export const TEAM_CONTEXT = 'resilience-coaching/team/v1';

/** The platform's SubtleCrypto; throws when there is none (an insecure context). */
export function subtle(): SubtleCrypto {
  const api = globalThis.crypto?.subtle;
  if (!api) throw new Error('This browser cannot encrypt: it has no Web Crypto support.');
  return api;
}

/**
 * Several strings as one byte string: each as its UTF-8 length (4 bytes, big-endian) then its
 * bytes. Unlike joining with a separator, no two different lists give the same bytes, so a
 * caseload id cannot be made to read as a document id.
 */
export function encodeFields(...fields: readonly string[]): Bytes {
  // Most fields (ids, table names, labels) are ASCII: written here byte by byte, as a
  // TextEncoder call per field was a large part of opening a document (issue 14). Anything
  // else goes through the encoder, which gives the same bytes for ASCII.
  let size = 0;
  let ascii = true;
  for (const field of fields) {
    size += 4 + field.length;
    for (let i = 0; ascii && i < field.length; i += 1)
      if (field.charCodeAt(i) > 0x7f) ascii = false;
  }
  if (!ascii) return encodeParts(fields.map((field) => utf8Encoder.encode(field)));
  const out = new Uint8Array(size);
  let offset = 0;
  for (const field of fields) {
    const length = field.length;
    out[offset] = length >>> 24;
    out[offset + 1] = (length >>> 16) & 0xff;
    out[offset + 2] = (length >>> 8) & 0xff;
    out[offset + 3] = length & 0xff;
    offset += 4;
    for (let i = 0; i < length; i += 1) out[offset + i] = field.charCodeAt(i);
    offset += length;
  }
  return out;
}

function encodeParts(parts: readonly Uint8Array[]): Bytes {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + 4 + part.length, 0));
  const view = new DataView(out.buffer);
  let offset = 0;
  for (const part of parts) {
    view.setUint32(offset, part.length);
    out.set(part, offset + 4);
    offset += 4 + part.length;
  }
  return out;
}

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** Lower-case hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 1) out += HEX[bytes[i]!]!;
  return out;
}

/** SHA-256 of bytes. */
export async function sha256(bytes: Bytes): Promise<Bytes> {
  return new Uint8Array(await subtle().digest('SHA-256', bytes));
}

/** Concatenation of byte arrays. */
export function concatBytes(...parts: readonly Uint8Array[]): Bytes {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** True when two byte arrays are equal, looking at every byte whatever differs first. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i += 1) difference |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return difference === 0;
}
