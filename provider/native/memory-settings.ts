/**
 * The V8 settings that keep the plugin's peak memory down while it serves
 * a large stack, applied at run time once the port is printed.
 *
 * Not as V8 flags at start (SEA `execArgv`): any V8 flag at start makes
 * Node reject the code cache of its own built-in modules, about 30 ms more
 * start-up, and the plugin's own trained code cache (scripts/release/
 * sea-main.ts) is valid only under the flags it was made with. Each flag
 * below is read by V8 whenever it decides, so setting it late takes effect.
 */
import type * as V8Module from "node:v8";

/**
 * The run-time V8 flags, each with why. Measured with `npm run bench --
 * --sizes 1000 --scenarios up,refresh,destroy --front-doors native
 * --native-plugin executable --no-fixed-cost` (see the README's figures).
 */
const SERVING_V8_FLAGS: readonly string[] = [
  // The young generation stays at the size it has once the plugin serves, instead of doubling under many
  // concurrent operations (the semi-space maximum itself cannot be changed at run time).
  "--semi-space-growth-factor=1",
  // No optimizing compiler (TurboFan): the plugin waits on the engine and the API, not on its own code, and
  // every function TurboFan compiles pulls in pages of its code from the executable and zone memory for the job.
  "--max-opt=1",
  // The old generation grows by small steps after each full collection, so garbage of finished
  // operations is collected before the heap doubles.
  "--optimize-for-size",
];

/** Applies {@link SERVING_V8_FLAGS}; call after the port is printed (see above). */
export function keepMemorySmallWhileServing(): void {
  // Loaded here, not at start-up, like everything the port does not need (see lazy.ts).
  const v8 = require("node:v8") as typeof V8Module;
  for (const flag of SERVING_V8_FLAGS) v8.setFlagsFromString(flag);
}
