/**
 * The zip container of an .xlsx (APPNOTE 6.3.x): the central directory is read to find each
 * entry's compressed bytes, which are inflated only when a part is read; on writing, an entry
 * the program did not change is copied compressed, byte for byte, with its CRC. No library here
 * does both (fflate and yauzl inflate every entry they give; yazl cannot take precompressed
 * data), and the format's records are a few fixed fields; deflate and CRC-32 are Node's zlib.
 */
import { crc32, deflateRawSync, inflateRawSync } from "node:zlib";

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  crc: number;
  size: number;
  /** The compressed bytes, as in the file. */
  raw: Uint8Array;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function findEnd(view: DataView): number {
  for (let i = view.byteLength - 22; i >= Math.max(0, view.byteLength - 65557); i--)
    if (view.getUint32(i, true) === EOCD) return i;
  throw new Error("not a zip: no end of central directory");
}

/** The entries of a zip, in central-directory order; ZIP64 archives (> 4 GB) are not read. */
export function readZip(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEnd(view);
  const count = view.getUint16(end + 10, true);
  let p = view.getUint32(end + 16, true);
  const decoder = new TextDecoder();
  const out: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (view.getUint32(p, true) !== CENTRAL) throw new Error("damaged central directory");
    const method = view.getUint16(p + 10, true);
    const crc = view.getUint32(p + 16, true);
    const compressed = view.getUint32(p + 20, true);
    const size = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const local = view.getUint32(p + 42, true);
    const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLen));
    if (view.getUint32(local, true) !== LOCAL) throw new Error(`damaged entry ${name}`);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    out.push({ name, method, crc, size, raw: bytes.subarray(start, start + compressed) });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

export function inflate(e: ZipEntry): Uint8Array {
  if (e.method === 0) return e.raw;
  if (e.method === 8) return inflateRawSync(e.raw);
  throw new Error(`${e.name}: unsupported compression ${e.method}`);
}

/**
 * A new entry. Level 1: a 1 M-cell sheet deflates several times faster than at the default
 * level 6, for a file about a fifth larger; Excel and LibreOffice read either.
 */
export function deflate(name: string, data: Uint8Array): ZipEntry {
  return {
    name,
    method: 8,
    crc: crc32(data) >>> 0,
    size: data.length,
    raw: deflateRawSync(data, { level: 1 }),
  };
}

/** The zip of these entries, in this order (UTF-8 names, no timestamps: 1980-01-01). */
export function writeZip(entries: readonly ZipEntry[]): Uint8Array {
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = encoder.encode(e.name);
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, LOCAL, true);
    header(lv, 4, e, name.length);
    local.set(name, 30);
    const c = new Uint8Array(46 + name.length);
    const cv = new DataView(c.buffer);
    cv.setUint32(0, CENTRAL, true);
    cv.setUint16(4, 20, true);
    header(cv, 6, e, name.length);
    cv.setUint32(42, offset, true);
    c.set(name, 46);
    central.push(c);
    chunks.push(local, e.raw);
    offset += local.length + e.raw.length;
  }
  const dirSize = central.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, EOCD, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, dirSize, true);
  ev.setUint32(16, offset, true);
  return Buffer.concat([...chunks, ...central, end]);
}

/** The fields local and central headers share, from "version needed" to the extra length. */
function header(v: DataView, at: number, e: ZipEntry, nameLen: number): void {
  v.setUint16(at, 20, true);
  v.setUint16(at + 2, 0x0800, true); // bit 11: the name is UTF-8
  v.setUint16(at + 4, e.method, true);
  v.setUint16(at + 6, 0, true);
  v.setUint16(at + 8, 0x21, true); // 1980-01-01
  v.setUint32(at + 10, e.crc, true);
  v.setUint32(at + 14, e.raw.length, true);
  v.setUint32(at + 18, e.size, true);
  v.setUint16(at + 22, nameLen, true);
  v.setUint16(at + 24, 0, true);
}
