/**
 * An .xlsx file as a zip package of parts. A part is inflated only when read; a part the
 * program does not change is written back with its original compressed bytes, so charts,
 * pivot caches, images and the user's sheets come out exactly as they went in.
 */
import { deflate, inflate, readZip, type ZipEntry } from "./zip.js";

const decoder = new TextDecoder();
const encoder = new TextEncoder();

export class XlsxPackage {
  private constructor(private readonly parts: Map<string, ZipEntry>) {}

  /** Throws on bytes that are not a zip. */
  static fromBytes(bytes: Uint8Array): XlsxPackage {
    return new XlsxPackage(new Map(readZip(bytes).map((e) => [e.name, e])));
  }

  static fromParts(parts: Record<string, string>): XlsxPackage {
    const pkg = new XlsxPackage(new Map());
    for (const [name, text] of Object.entries(parts)) pkg.setText(name, text);
    return pkg;
  }

  has(name: string): boolean {
    return this.parts.has(name);
  }

  names(): string[] {
    return [...this.parts.keys()];
  }

  bytes(name: string): Uint8Array | undefined {
    const e = this.parts.get(name);
    return e ? inflate(e) : undefined;
  }

  text(name: string): string | null {
    const b = this.bytes(name);
    return b ? decoder.decode(b) : null;
  }

  setText(name: string, text: string): void {
    this.parts.set(name, deflate(name, encoder.encode(text)));
  }

  delete(name: string): void {
    this.parts.delete(name);
  }

  entries(): ZipEntry[] {
    return [...this.parts.values()];
  }
}
