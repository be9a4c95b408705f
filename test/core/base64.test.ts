import { describe, expect, it } from "vitest";
import { fromBase64, toBase64 } from "../../src/core/base64.js";

describe("base64", () => {
  it("matches Node's encoder for every padding length and decodes back", () => {
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i * 97 + 13) % 256);
    for (const n of [0, 1, 2, 3, 4, 5, 999, 1000]) {
      const part = bytes.subarray(0, n);
      const text = toBase64(part);
      expect(text).toBe(Buffer.from(part).toString("base64"));
      expect([...fromBase64(text)]).toEqual([...part]);
    }
  });

  it("refuses a damaged text instead of decoding garbage", () => {
    expect(() => fromBase64("QUJD*")).toThrow(/Not base64/);
  });
});
