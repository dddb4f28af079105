/**
 * `pulumi-tencent-chat <command>`: tools shipped with the package.
 * `install-plugin [--pulumi-home DIR]` copies the tencentchat plugin into
 * Pulumi's plugin cache, so programs in any language find it offline.
 */
import { CALL_USAGE, runCallCommand } from "./call-command";
import { installPlugin } from "./install-plugin";

const USAGE = `usage: pulumi-tencent-chat install-plugin [--pulumi-home DIR]

  install-plugin   install the tencentchat resource plugin (pulumi-resource-tencentchat) into
                   Pulumi's plugin cache: DIR/plugins/resource-tencentchat-v<version>/.
                   DIR defaults to $PULUMI_HOME, else ~/.pulumi. Needs no network.

${CALL_USAGE}`;

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  if (command !== "install-plugin") {
    console.error(command === undefined || command === "--help" ? USAGE : `unknown command "${command}"\n\n${USAGE}`);
    return command === "--help" ? 0 : 2;
  }
  let pulumiHome: string | undefined;
  for (let index = 0; index < rest.length; index++) {
    if (rest[index] === "--pulumi-home" && rest[index + 1]) pulumiHome = rest[++index];
    else {
      console.error(`unknown argument "${rest[index]}"\n\n${USAGE}`);
      return 2;
    }
  }
  const installed = installPlugin({ pulumiHome });
  console.log(`installed pulumi-resource-tencentchat v${installed.version} into ${installed.dir}`);
  return 0;
}

const argv = process.argv.slice(2);
if (argv[0] === "call") runCallCommand(argv.slice(1)).then((code) => (process.exitCode = code));
else process.exitCode = main(argv);
