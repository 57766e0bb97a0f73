// Where --out-dir results go, decided for every input before anything is
// read or written, and refused as a whole when any result would destroy an
// input. Paths are compared as the system resolves them (links, `.`, `..`),
// not as they are spelled.
import { statSync } from "node:fs";
import { basename, dirname, join, relative, sep } from "node:path";
import { hasExtension, type InputFolder, type InputRef } from "./inputs.js";
import { isWithin, realPathOf, UnresolvablePath } from "./paths.js";

/** Where one input's result is written. */
export interface PlannedOutput {
  /** The path as the user would write it: --out-dir joined with the input's path below the common base. */
  shown: string;
  /** The real path written: the shown path's folder resolved through links, and its own name. */
  real: string;
}

/** Why a run with --out-dir is refused before anything is written. */
export class OutputConflict extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

const OUTSIDE_HINT = "choose an --out-dir outside every input folder and away from the input files";

/** The deepest folder containing every one of `folders` (absolute paths). */
export function commonBase(folders: readonly string[]): string {
  let common = folders[0]!.split(sep);
  for (const folder of folders.slice(1)) {
    const parts = folder.split(sep);
    let i = 0;
    while (i < common.length && i < parts.length && common[i] === parts[i]) i++;
    common = common.slice(0, i);
  }
  return common.length === 1 && common[0] === "" ? sep : common.join(sep);
}

function resolveOrRefuse(path: string, what: string): string {
  try {
    return realPathOf(path);
  } catch (e) {
    if (e instanceof UnresolvablePath) throw new OutputConflict(`${what} ${path} cannot be used: ${e.message}`);
    throw e;
  }
}

/**
 * The output of every input under `outDir`: its path relative to the inputs'
 * common base (a folder argument's base is the folder, a file argument's its
 * folder), with the output extension in place of the input's. Refused when
 * the out-dir is or lies inside an input folder, when an output would be an
 * input file or lie inside an input folder, when a link inside the out-dir
 * would carry an output out of it, or when two inputs would share an output.
 * An input inside the out-dir is allowed as long as no output lands on it.
 */
export function planOutputs(
  outDir: string,
  inputs: readonly InputRef[],
  folders: readonly InputFolder[],
  inputExtension: string,
  outputExtension: string,
): Map<InputRef, PlannedOutput> {
  const realOut = resolveOrRefuse(outDir, "--out-dir");
  try {
    if (!statSync(realOut).isDirectory()) throw new OutputConflict(`--out-dir ${outDir} is a file, not a folder`);
  } catch (e) {
    if (e instanceof OutputConflict) throw e; // a folder not there yet is created
  }
  for (const folder of folders) {
    if (isWithin(realOut, folder.real)) {
      const where = realOut === folder.real ? "is the input folder" : "lies inside the input folder";
      throw new OutputConflict(`--out-dir ${outDir} ${where} ${folder.label}; its results would overwrite or mix with the inputs`, OUTSIDE_HINT);
    }
  }

  const files = inputs.filter((input) => input.absolute !== undefined && input.base !== undefined);
  const planned = new Map<InputRef, PlannedOutput>();
  if (files.length === 0) return planned;
  const base = commonBase(files.map((input) => input.base!));
  const inputByReal = new Map<string, InputRef>();
  for (const input of files) {
    inputByReal.set(input.real!, input);
    inputByReal.set(input.entry!, input);
  }
  const byTarget = new Map<string, InputRef>();
  for (const input of files) {
    const relativePath = relative(base, input.absolute!);
    const stem = hasExtension(relativePath, inputExtension) ? relativePath.slice(0, -inputExtension.length) : relativePath;
    const shown = join(outDir, stem + outputExtension);
    const realFolder = resolveOrRefuse(dirname(shown), "the output folder");
    if (!isWithin(realFolder, realOut)) {
      throw new OutputConflict(
        `the output ${shown} of ${input.label} would be written outside --out-dir ${outDir}, through a symbolic link in its path`,
        "remove the link from the --out-dir, or choose another --out-dir",
      );
    }
    const real = join(realFolder, basename(shown));
    const overwritten = inputByReal.get(real);
    if (overwritten !== undefined) {
      throw new OutputConflict(`the output ${shown} of ${input.label} would overwrite the input ${overwritten.label}`, OUTSIDE_HINT);
    }
    const folder = folders.find((f) => isWithin(real, f.real));
    if (folder !== undefined) {
      throw new OutputConflict(`the output ${shown} of ${input.label} would be written inside the input folder ${folder.label}`, OUTSIDE_HINT);
    }
    const earlier = byTarget.get(real);
    if (earlier !== undefined) {
      throw new OutputConflict(
        `${earlier.label} and ${input.label} would both be written to ${shown}`,
        "rename one of them, or write them to separate --out-dir folders",
      );
    }
    byTarget.set(real, input);
    planned.set(input, { shown, real });
  }
  return planned;
}
