/**
 * `pulumi-tencent-chat <command>`: tools shipped with the package.
 * `install-plugin` puts the tencentchat plugin into Pulumi's plugin cache,
 * so programs in any language find it offline (see install-plugin.ts for
 * which kind of plugin it installs).
 */
import { CALL_USAGE, runCallCommand } from "./call-command";
import { InstallPluginError, installPlugin, MIN_NODE_MAJOR } from "./install-plugin";

const USAGE = `usage: pulumi-tencent-chat install-plugin [--pulumi-home DIR] [--archive FILE] [--release-dir DIR]

  install-plugin   install the tencentchat resource plugin (pulumi-resource-tencentchat) into
                   Pulumi's plugin cache: DIR/plugins/resource-tencentchat-v<version>/.
                   It installs the self-contained executable (no Node needed) from the release archive
                   given with --archive, or found in --release-dir (default: the package's release/
                   folder, made by \`npm run release\`); with neither, a launcher that runs the package
                   on the Node.js running this command, which must be ${MIN_NODE_MAJOR} or newer.
                   DIR defaults to $PULUMI_HOME, else ~/.pulumi. Needs no network.

${CALL_USAGE}`;

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  if (command !== "install-plugin") {
    console.error(command === undefined || command === "--help" ? USAGE : `unknown command "${command}"\n\n${USAGE}`);
    return command === "--help" ? 0 : 2;
  }
  const options: { pulumiHome?: string; archive?: string; releaseDir?: string } = {};
  const flags: Record<string, keyof typeof options> = {
    "--pulumi-home": "pulumiHome",
    "--archive": "archive",
    "--release-dir": "releaseDir",
  };
  for (let index = 0; index < rest.length; index++) {
    const key = flags[rest[index]];
    if (key !== undefined && rest[index + 1]) options[key] = rest[++index];
    else {
      console.error(`unknown or incomplete argument "${rest[index]}"\n\n${USAGE}`);
      return 2;
    }
  }
  try {
    const installed = installPlugin(options);
    const what =
      installed.kind === "executable"
        ? `the self-contained executable from ${installed.from}`
        : `a launcher on Node ${process.version} (${installed.from})`;
    console.log(`installed pulumi-resource-tencentchat v${installed.version} into ${installed.dir}: ${what}`);
    return 0;
  } catch (error) {
    if (!(error instanceof InstallPluginError)) throw error;
    console.error(error.message);
    return 1;
  }
}

const argv = process.argv.slice(2);
if (argv[0] === "call") runCallCommand(argv.slice(1)).then((code) => (process.exitCode = code));
else process.exitCode = main(argv);
