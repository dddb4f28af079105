/**
 * `pulumi-resource-tencentchat`: the engine starts it with its own address
 * (and logging flags) and reads the port of our gRPC server from stdout.
 */
// From package-info, not install-plugin: the plugin loads no more than it needs before printing its port.
import { MIN_NODE_MAJOR } from "../package-info";

const major = Number(process.versions.node.split(".")[0]);
if (major < MIN_NODE_MAJOR) {
  // Name the Node that actually runs us: a launcher may have picked it, not the PATH.
  console.error(
    `pulumi-resource-tencentchat needs Node.js ${MIN_NODE_MAJOR} or newer, but it ran on Node ${process.version} ` +
      `(${process.execPath}). Fix: install the self-contained plugin, which needs no Node ` +
      `(pulumi plugin install resource tencentchat <version> --file pulumi-resource-tencentchat-v<version>-<os>-<arch>.tar.gz), ` +
      `or reinstall the plugin from a Node ${MIN_NODE_MAJOR}: npx --package node@${MIN_NODE_MAJOR} -- node node_modules/.bin/pulumi-tencent-chat install-plugin`,
  );
  process.exit(1);
}

// Required after the version check, so an old Node fails with the message above, not a syntax error.
const { serve } = require("./server") as typeof import("./server");
const { exitOnStopSignals, parsePluginArguments, PLUGIN_USAGE } =
  require("./engine-lifecycle") as typeof import("./engine-lifecycle");
const { keepMemorySmallWhileServing } = require("./memory-settings") as typeof import("./memory-settings");

let options: ReturnType<typeof parsePluginArguments>;
try {
  options = parsePluginArguments(process.argv.slice(2));
} catch (error) {
  console.error(
    `pulumi-resource-tencentchat: ${error instanceof Error ? error.message : String(error)}\n\n${PLUGIN_USAGE}`,
  );
  process.exit(2);
}
if (options.help) {
  console.log(PLUGIN_USAGE);
  process.exit(0);
}

serve(options).then(
  (served) => {
    exitOnStopSignals(served);
    // The engine (or a developer attaching it) reads exactly this line.
    process.stdout.write(`${served.port}\n`);
    // After the port: a V8 flag set before it would cost start-up (see memory-settings.ts).
    keepMemorySmallWhileServing();
  },
  (error: unknown) => {
    console.error(`pulumi-resource-tencentchat: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
