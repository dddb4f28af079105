/**
 * Deferred loading for the plugin's start-up: the engine waits for the
 * plugin to print its port on every `pulumi` command, so only gRPC and the
 * service skeleton load before that; the behaviour behind the RPCs (the
 * Chat client with axios and UserSig signing, the provider, the schema)
 * loads on the first call that needs it.
 */

/**
 * A getter that runs `load` on its first call and returns the same value
 * from then on. Wrap a `require()` in it (with `import type` for the
 * types): the module is evaluated only when the getter is first called,
 * in the compiled code and in the release bundle alike (esbuild keeps a
 * `require` inside a function lazy).
 */
export function lazy<T>(load: () => T): () => T {
  let loaded: { readonly value: T } | undefined;
  return () => (loaded ??= { value: load() }).value;
}
