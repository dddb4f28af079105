/**
 * The main script of a self-contained executable whose program carries a
 * trained code cache (RELEASE_CODE_CACHE in executables.ts): it runs the
 * program's bundle, stored as an SEA asset, compiled with V8's code cache
 * taken from a training run at build time (code-cache.ts).
 *
 * Why not Node's own SEA `useCodeCache`: it caches the bundle as compiled,
 * before it runs, which is only the bundle's top level; every module of an
 * esbuild bundle sits in a function V8 compiles lazily when it is first
 * called, so start-up still parsed and compiled gRPC and the protocol stubs
 * from source. A cache made after the program has run up to the point it
 * serves holds every function compiled until then.
 *
 * It requires only Node's built-in modules, as an SEA main must. V8 accepts
 * the cache only under the V8 flags it was made with: the program sets none
 * before it serves (provider/native/memory-settings.ts runs after the port
 * is printed). Without the cache asset, or with a cache V8 rejects, the
 * bundle is compiled from source and runs the same.
 */
import { getAsset, isSea } from "node:sea";
import { dirname } from "node:path";
import { Script } from "node:vm";

/** The SEA asset holding the program's bundle. */
export const PROGRAM_ASSET = "program.js";
/** The SEA asset holding V8's code cache of the bundle, when the platform has one. */
export const CODE_CACHE_ASSET = "program.code-cache";

/** The CommonJS function a bundle runs in: `(exports, require, module, __filename, __dirname)`. */
type BundleFunction = (
  exports: unknown,
  require: NodeJS.Require,
  module: { exports: unknown },
  filename: string,
  dirname: string,
) => void;

/**
 * Compiles a bundle the same way in the executable and in the training run
 * (the cache is valid only for the same source text), with `cachedData`
 * when given; `cachedDataRejected` on the result says whether V8 took it.
 */
export function compileBundle(source: string, filename: string, cachedData?: Buffer): Script {
  return new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename,
    cachedData,
  });
}

/** Runs a compiled bundle as a CommonJS main module named `filename`, with `require` for its built-in modules. */
export function runBundle(script: Script, filename: string, require: NodeJS.Require): void {
  const bundleModule = { exports: {} };
  (script.runInThisContext() as BundleFunction)(
    bundleModule.exports,
    require,
    bundleModule,
    filename,
    dirname(filename),
  );
}

function codeCacheAsset(): Buffer | undefined {
  try {
    return Buffer.from(getAsset(CODE_CACHE_ASSET));
  } catch {
    return undefined; // a platform whose cache this machine cannot make (V8's cache is made by the host's Node)
  }
}

if (isSea()) {
  runBundle(compileBundle(getAsset(PROGRAM_ASSET, "utf8"), __filename, codeCacheAsset()), __filename, require);
}
