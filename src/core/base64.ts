/**
 * Base64 (RFC 4648, with padding) over bytes. Apps Script has Utilities.base64Encode and Node
 * has Buffer, but the pure core runs in both and neither is there; `btoa` works on Latin-1
 * strings only and is absent from Apps Script.
 */
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const INDEX = new Map([...ALPHABET].map((c, i) => [c, i]));

export function toBase64(bytes: Uint8Array): string {
  const out: string[] = [];
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const left = bytes.length - i;
    out.push(
      ALPHABET[(n >> 18) & 63] +
        ALPHABET[(n >> 12) & 63] +
        (left > 1 ? ALPHABET[(n >> 6) & 63] : "=") +
        (left > 2 ? ALPHABET[n & 63] : "="),
    );
  }
  return out.join("");
}

/** Throws on a character outside the alphabet (a damaged cell must not decode to garbage). */
export function fromBase64(text: string): Uint8Array {
  const clean = text.replace(/=+$/, "");
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let k = 0;
  for (const c of clean) {
    const v = INDEX.get(c);
    if (v === undefined) throw new Error(`Not base64: ${JSON.stringify(c)}`);
    value = ((value << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[k++] = (value >> bits) & 255;
    }
  }
  return out.subarray(0, k);
}
