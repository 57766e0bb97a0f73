// Real locations of paths that may not exist yet, and containment between
// them: the basis on which the CLI decides that an output cannot land on or
// inside its inputs.
import { lstatSync, realpathSync } from "node:fs";
import { dirname, isAbsolute, join, parse, sep } from "node:path";

const FS_ERROR_MESSAGES: Record<string, string> = {
  ENOENT: "no such file or directory",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EISDIR: "is a directory",
  ENOTDIR: "a path component is not a directory",
  ELOOP: "too many levels of symbolic links",
  EMFILE: "too many open files",
  ENAMETOOLONG: "file name too long",
  ENOSPC: "no space left on device",
  EROFS: "read-only file system",
  EEXIST: "file already exists",
};

/** A file system error in words, without the path and syscall Node puts in its messages. */
export function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code !== undefined && FS_ERROR_MESSAGES[code] !== undefined) return FS_ERROR_MESSAGES[code]!;
  return e instanceof Error ? e.message : String(e);
}

/** Whether `path` is `ancestor` itself or lies below it (both real, absolute paths). */
export function isWithin(path: string, ancestor: string): boolean {
  if (path === ancestor) return true;
  const prefix = ancestor.endsWith(sep) ? ancestor : ancestor + sep;
  return path.startsWith(prefix);
}

/** Why a path cannot be resolved: it passes through a link that leads nowhere, or through a file. */
export class UnresolvablePath extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
  }
}

/**
 * The real absolute path `path` names: every existing component resolved
 * through symbolic links, `.` and `..` taken after the links they follow (as
 * the system does, not lexically), and components that do not exist yet
 * appended as written. Throws UnresolvablePath for a component that is a
 * dangling or looping link, or an existing non-folder with more path below.
 */
export function realPathOf(path: string): string {
  const root = isAbsolute(path) ? parse(path).root : "";
  let current = realpathSync.native(root !== "" ? root : process.cwd());
  let existing = true;
  for (const component of path.slice(root.length).split(sep)) {
    if (component === "" || component === ".") continue;
    if (component === "..") {
      current = dirname(current);
      continue;
    }
    const candidate = join(current, component);
    if (!existing) {
      current = candidate;
      continue;
    }
    try {
      lstatSync(candidate);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "ENOTDIR") throw new UnresolvablePath(current, "is not a folder");
      if (code !== "ENOENT") throw new UnresolvablePath(candidate, describeFsError(e));
      existing = false;
      current = candidate;
      continue;
    }
    try {
      current = realpathSync.native(candidate);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new UnresolvablePath(candidate, code === "ELOOP" ? "symbolic link loop" : code === "ENOENT" ? "dangling symbolic link" : describeFsError(e));
    }
  }
  return current;
}
