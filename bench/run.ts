/**
 * `npm run bench [-- --sizes 200,1000 --scenarios up,refresh,preview,destroy,faults,startup --parallel default,unbounded --checkpoints on,skip --front-doors dynamic,native --native-plugin launcher]`
 *
 * Runs each scenario through the real Pulumi CLI against the local emulator
 * and prints one JSON line of figures per scenario on stdout (progress goes
 * to stderr). Figures, not pass/fail: the exit code is 0 unless the
 * benchmark itself could not run. See docs/benchmarks.md.
 */
import { cpus } from "node:os";
import { pulumiBinDir } from "../scripts/pulumi-runner";
import { progress } from "./figures";
import { parallelLabel, parseBenchArgs } from "./options";
import { runFaults, runFixedCost, runLifecycle } from "./scenarios";
import { useNativePluginFrom } from "./stack";
import { runStartup, unpackHostPlugin } from "./startup";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

async function main(): Promise<void> {
  const options = parseBenchArgs(process.argv.slice(2));
  const bin = pulumiBinDir(); // builds or finds the pinned CLI first
  progress(
    `pulumi from ${bin}; node ${process.version}; ${cpus().length} CPUs; sizes ${options.sizes.join(",")}; ` +
      `scenarios ${options.scenarios.join(",")}; parallel ${options.parallel.map(parallelLabel).join(",")}; ` +
      `checkpoints ${options.checkpoints.join(",")}`,
  );
  const lifecycle = options.scenarios.filter((s) => s !== "faults" && s !== "startup");
  if (options.scenarios.includes("startup")) await runStartup(options.startupSamples);
  let pluginDir: string | undefined;
  if (options.nativePlugin === "executable" && lifecycle.length > 0) {
    pluginDir = unpackHostPlugin(mkdtempSync(path.join(tmpdir(), "tencentchat-bench-plugin-")));
    useNativePluginFrom(pluginDir);
    progress(`native front door: the self-contained plugin from ${pluginDir}`);
  }
  if (options.fixedCost && lifecycle.length > 0) await runFixedCost();
  if (lifecycle.length > 0) {
    for (const checkpoints of options.checkpoints) {
      for (const parallel of options.parallel) {
        for (const n of options.sizes) await runLifecycle(n, parallel, checkpoints, lifecycle, options.frontDoors);
      }
    }
  }
  if (options.scenarios.includes("faults")) await runFaults(options.faultsSize, options.frontDoors);
  if (pluginDir) rmSync(pluginDir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
