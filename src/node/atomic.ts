/**
 * Atomic file replacement: write a temp file in the target's folder, fsync it, rename it over
 * the target, fsync the folder. The replaced file keeps its mode and owner (a workbook with
 * parents' contacts stays 600); a symlink is written through to its target and stays a link; a
 * read-only file is refused, not replaced; temp files left by a crashed run are removed.
 */
import { randomBytes } from "node:crypto";
import { chmod, chown, open, readdir, realpath, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { UserError } from "./errors.js";

/** Seam for tests: simulate a failure between writing and renaming. */
export const atomicHooks: { beforeRename?: (tmp: string) => void | Promise<void> } = {};

/** Our temp files: `.<name>.<pid>.<random>.tmp`, so a later run can tell whose they are. */
function tempName(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Remove temp files for this target left by runs that are no longer running. */
async function removeStale(target: string): Promise<void> {
  const prefix = `.${basename(target)}.`;
  const names = await readdir(dirname(target)).catch(() => [] as string[]);
  for (const name of names) {
    const m = /^\.(.+)\.(\d+)\.[0-9a-f]{12}\.tmp$/.exec(name);
    if (!m || !name.startsWith(prefix) || m[1] !== basename(target)) continue;
    if (Number(m[2]) !== process.pid && !alive(Number(m[2])))
      await rm(join(dirname(target), name), { force: true });
  }
}

async function resolveTarget(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return path;
  }
}

function readOnly(path: string): UserError {
  return new UserError("read-only", {
    ru: `Файл ${path} только для чтения: он не изменён. Снимите защиту от записи или сохраните под другим именем`,
    en: `${path} is read-only and was not changed. Make it writable or save under another name`,
  });
}

/** fsync a folder so a rename in it survives a power cut (not possible on every platform). */
async function syncDir(dir: string): Promise<void> {
  const fh = await open(dir, "r").catch(() => null);
  if (!fh) return;
  try {
    await fh.sync();
  } catch {
    // Windows cannot fsync a folder; the rename is still atomic there.
  } finally {
    await fh.close();
  }
}

export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  const target = await resolveTarget(path);
  const before = await stat(target).catch(() => null);
  // Root may write anything, so the mode bits, not access(2), say whether the owner meant it read-only.
  if (before && (before.mode & 0o222) === 0) throw readOnly(path);
  await removeStale(target);
  const tmp = tempName(target);
  try {
    const fh = await open(tmp, "wx", before ? before.mode & 0o777 : 0o666);
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    if (before) {
      await chmod(tmp, before.mode & 0o7777);
      await chown(tmp, before.uid, before.gid).catch(() => undefined);
    }
    await atomicHooks.beforeRename?.(tmp);
    await syncDir(dirname(target));
    await rename(tmp, target);
    await syncDir(dirname(target));
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
