// Atomic replacement of a file: the bytes go to a temporary file in the same
// folder, which is flushed to disk and then renamed over the target. A reader
// (or the next run) sees either the old file or the whole new one, never a
// prefix; a failure part-way removes the temporary file and leaves the old
// target as it was. Renaming replaces the directory entry itself, so a
// symbolic link at the target is replaced, never written through.
import { randomBytes } from "node:crypto";
import { closeSync, constants, fchmodSync, fsyncSync, lstatSync, openSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/**
 * TEST ONLY: `CONNBRIDGE_TEST_FAIL_WRITE=after-bytes:N` makes every write
 * fail once N bytes of the temporary file are written, as a full disk would;
 * `kill-after-bytes:N` kills the process there instead, as `kill -9` would.
 * The CLI tests use it to show that an interrupted write leaves the old file
 * intact. Nothing else reads this variable.
 */
const FAIL_WRITE_VARIABLE = "CONNBRIDGE_TEST_FAIL_WRITE";

/** Where a write is made to stop, for tests. */
export interface InjectedWriteFailure {
  afterBytes: number;
  /** `error`: the write throws, like ENOSPC; `kill`: the process dies with SIGKILL. */
  mode: "error" | "kill";
}

/** The injected failure named by the environment (test only), if any. */
function injectedFailureFromEnvironment(): InjectedWriteFailure | undefined {
  const value = process.env[FAIL_WRITE_VARIABLE];
  const match = value !== undefined ? /^(after-bytes|kill-after-bytes):([0-9]+)$/.exec(value) : null;
  if (match === null) return undefined;
  return { afterBytes: Number(match[2]), mode: match[1] === "kill-after-bytes" ? "kill" : "error" };
}

/** Bytes handed to one write call; small enough that an injected failure lands mid-file. */
const CHUNK_BYTES = 64 * 1024;

/** The temporary name beside a target: hidden, tied to this process, and unique. */
export function temporaryPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.connbridge-${process.pid}-${randomBytes(6).toString("hex")}.tmp`);
}

/** Permission bits of an existing regular file at the target, kept for its replacement (a 0600 file stays 0600). */
function existingMode(target: string): number | undefined {
  try {
    const stats = lstatSync(target);
    return stats.isFile() ? stats.mode & 0o7777 : undefined;
  } catch {
    return undefined;
  }
}

/** Flushes a folder's entries (the rename) to disk, where the platform allows opening a folder. */
function syncDirectory(directory: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(directory, constants.O_RDONLY);
    fsyncSync(fd);
  } catch {
    // Some platforms and file systems cannot fsync a folder; the rename itself is still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Replaces `target` with `data` atomically. The folder must exist. Throws the
 * underlying error when the write cannot be completed; the old target is then
 * unchanged and no temporary file is left.
 */
export function writeFileAtomically(target: string, data: Uint8Array, failure: InjectedWriteFailure | undefined = injectedFailureFromEnvironment()): void {
  const temporary = temporaryPathFor(target);
  const mode = existingMode(target);
  // O_EXCL: never open something another process put at the temporary name.
  const fd = openSync(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode ?? 0o666);
  let open = true;
  try {
    if (mode !== undefined) fchmodSync(fd, mode); // the umask may have narrowed the creation mode
    let written = 0;
    while (written < data.length) {
      let end = Math.min(data.length, written + CHUNK_BYTES);
      if (failure !== undefined && written < failure.afterBytes && end > failure.afterBytes) end = failure.afterBytes;
      if (failure !== undefined && written >= failure.afterBytes) {
        if (failure.mode === "kill") process.kill(process.pid, "SIGKILL");
        throw Object.assign(new Error("no space left on device (injected for a test)"), { code: "ENOSPC" });
      }
      written += writeSync(fd, data, written, end - written);
    }
    fsyncSync(fd);
    closeSync(fd);
    open = false;
    renameSync(temporary, target);
  } catch (e) {
    if (open) {
      try {
        closeSync(fd);
      } catch {
        // already unusable; the unlink below still removes the name
      }
    }
    try {
      unlinkSync(temporary);
    } catch {
      // nothing left to remove
    }
    throw e;
  }
  syncDirectory(dirname(target));
}
