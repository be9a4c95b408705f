import {
  chmod,
  chown,
  lstat,
  mkdtemp,
  readdir,
  readFile,
  readlink,
  rm,
  stat,
  symlink,
  writeFile,
} from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { atomicHooks, writeFileAtomic } from "../../../src/node/atomic.js";

const dir = await mkdtemp(join(tmpdir(), "atomic-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("writeFileAtomic", () => {
  it("keeps the file's mode (600 stays 600) and, where permitted, its owner", async () => {
    const f = join(dir, "private.xlsx");
    await writeFile(f, "old");
    await chmod(f, 0o600);
    const canChown = process.getuid?.() === 0;
    if (canChown) await chown(f, 1234, 1234);
    await writeFileAtomic(f, "new");
    expect((await stat(f)).mode & 0o777).toBe(0o600);
    if (canChown) expect((await stat(f)).uid).toBe(1234);
    expect(await readFile(f, "utf8")).toBe("new");
  });

  it("writes through a symlink to its target and leaves the link a link", async () => {
    const real = join(dir, "real.xlsx");
    const link = join(dir, "link.xlsx");
    await writeFile(real, "old");
    await symlink(real, link);
    await writeFileAtomic(link, "new");
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe(real);
    expect(await readFile(real, "utf8")).toBe("new");
  });

  it("refuses a read-only file with a ru/en message and leaves it unchanged", async () => {
    const f = join(dir, "ro.xlsx");
    await writeFile(f, "old");
    await chmod(f, 0o444);
    const err = await writeFileAtomic(f, "new").catch((e) => e);
    expect(err.code).toBe("read-only");
    expect(err.text("ru")).toContain("только для чтения");
    expect(err.text("en")).toContain("read-only");
    expect(await readFile(f, "utf8")).toBe("old");
  });

  it("removes temp files left by a run that died, not those of a running one", async () => {
    const f = join(dir, "stale.xlsx");
    await writeFile(f, "old");
    // pid 2^22+1 is above Linux's pid_max default: no such process.
    const dead = join(dir, ".stale.xlsx.4194305.0123456789ab.tmp");
    const running = join(dir, `.stale.xlsx.${process.ppid}.0123456789ab.tmp`);
    const other = join(dir, ".other.xlsx.4194305.0123456789ab.tmp");
    await Promise.all([writeFile(dead, "x"), writeFile(running, "x"), writeFile(other, "x")]);
    await writeFileAtomic(f, "new");
    const left = await readdir(dir);
    expect(left).not.toContain(".stale.xlsx.4194305.0123456789ab.tmp");
    expect(left).toContain(`.stale.xlsx.${process.ppid}.0123456789ab.tmp`);
    expect(left).toContain(".other.xlsx.4194305.0123456789ab.tmp");
  });

  it("a failure before the rename leaves the old file and no temp file", async () => {
    const f = join(dir, "fail.xlsx");
    await writeFile(f, "old");
    atomicHooks.beforeRename = () => {
      throw new Error("disk full");
    };
    try {
      await expect(writeFileAtomic(f, "new")).rejects.toThrow("disk full");
    } finally {
      atomicHooks.beforeRename = undefined;
    }
    expect(await readFile(f, "utf8")).toBe("old");
    expect((await readdir(dir)).filter((n) => n.startsWith(".fail.xlsx."))).toEqual([]);
  });
});
