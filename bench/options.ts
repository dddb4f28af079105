/**
 * Command-line options of `npm run bench -- ...`.
 */

export const ALL_SCENARIOS = ["up", "refresh", "preview", "destroy", "faults", "startup"] as const;
export type Scenario = (typeof ALL_SCENARIOS)[number];

/** The engine's "unbounded" parallelism: `--parallel` at the int32 maximum. */
export const UNBOUNDED_PARALLEL = 2147483647;

export type Checkpoints = "on" | "skip";

/** The ways a program reaches the provider: the dynamic resource, or the native `tencentchat` plugin. */
export const ALL_FRONT_DOORS = ["dynamic", "native"] as const;
export type FrontDoor = (typeof ALL_FRONT_DOORS)[number];

export interface BenchOptions {
  sizes: number[];
  scenarios: Scenario[];
  /** Values for `pulumi --parallel`; undefined = the CLI's default. */
  parallel: Array<number | undefined>;
  /** Whether the engine writes a checkpoint after each step ("on", its default) or only at the end ("skip"). */
  checkpoints: Checkpoints[];
  /** Front doors measured: in the lifecycle scenarios each beside the trivial baseline; in faults side by side. */
  frontDoors: FrontDoor[];
  /** Accounts in the fault-injection run. */
  faultsSize: number;
  /** Also measure a stack of 0 resources (the fixed cost of one CLI command). */
  fixedCost: boolean;
  /** The native front door's plugin: the Node launcher of the package, or the release's self-contained executable. */
  nativePlugin: NativePlugin;
  /** Starts of each plugin form in the startup scenario. */
  startupSamples: number;
}

export const NATIVE_PLUGINS = ["launcher", "executable"] as const;
export type NativePlugin = (typeof NATIVE_PLUGINS)[number];

export const USAGE = `usage: npm run bench -- [--sizes 200,1000] [--scenarios ${ALL_SCENARIOS.join(",")}]
                        [--parallel default,unbounded] [--checkpoints on,skip] [--faults-size 200]
                        [--front-doors dynamic,native] [--no-fixed-cost]
                        [--native-plugin launcher|executable] [--startup-samples 10]
  --parallel     values of pulumi --parallel to run each size with: "default" (the CLI's own, 4 x CPUs),
                 a number, or "unbounded"
  --checkpoints  "on": the engine saves the whole state after every step (its default);
                 "skip": PULUMI_SKIP_CHECKPOINTS=true, state saved once at the end
  --front-doors  "dynamic": the OfficialAccount dynamic resource; "native": the tencentchat plugin
                 (pulumi-tencent-chat/native), each on its own emulator
  --native-plugin  the native front door's plugin: "launcher" (bin/pulumi-resource-tencentchat on Node),
                 or "executable" (the release's self-contained one, built for this machine first)
  startup        plugin start-up (exec to port printed, median of --startup-samples) for the launcher and
                 the self-contained executable, their peak RSS after GetSchema, and each archive's size
  --faults-size  N of the faults scenario: up, the convergence checks and destroy under injected faults,
                 run through each front door and printed side by side
  Every size runs with every combination of --parallel and --checkpoints.`;

function list(flag: string, value: string | undefined): string[] {
  if (value === undefined || value === "") throw new Error(`${flag} needs a value\n${USAGE}`);
  return value
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

function positiveInteger(flag: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag}: "${text}" is not a positive integer\n${USAGE}`);
  return n;
}

export function parseBenchArgs(argv: string[]): BenchOptions {
  const options: BenchOptions = {
    sizes: [200, 1000],
    scenarios: [...ALL_SCENARIOS],
    parallel: [undefined, UNBOUNDED_PARALLEL],
    checkpoints: ["on", "skip"],
    frontDoors: [...ALL_FRONT_DOORS],
    faultsSize: 200,
    fixedCost: true,
    nativePlugin: "launcher",
    startupSamples: 10,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case "--sizes":
        options.sizes = list(flag, value()).map((item) => positiveInteger(flag, item));
        break;
      case "--scenarios": {
        const names = list(flag, value());
        for (const name of names) {
          if (!(ALL_SCENARIOS as readonly string[]).includes(name)) {
            throw new Error(`--scenarios: unknown scenario "${name}"\n${USAGE}`);
          }
        }
        options.scenarios = names as Scenario[];
        break;
      }
      case "--parallel":
        options.parallel = list(flag, value()).map((item) =>
          item === "default" ? undefined : item === "unbounded" ? UNBOUNDED_PARALLEL : positiveInteger(flag, item),
        );
        break;
      case "--checkpoints": {
        const values = list(flag, value());
        for (const v of values) {
          if (v !== "on" && v !== "skip") throw new Error(`--checkpoints: "${v}" is not "on" or "skip"\n${USAGE}`);
        }
        options.checkpoints = values as Checkpoints[];
        break;
      }
      case "--front-doors": {
        const values = list(flag, value());
        for (const v of values) {
          if (!(ALL_FRONT_DOORS as readonly string[]).includes(v)) {
            throw new Error(`--front-doors: "${v}" is not ${ALL_FRONT_DOORS.join(" or ")}\n${USAGE}`);
          }
        }
        options.frontDoors = values as FrontDoor[];
        break;
      }
      case "--faults-size":
        options.faultsSize = positiveInteger(flag, value() ?? "");
        break;
      case "--native-plugin": {
        const v = value();
        if (!(NATIVE_PLUGINS as readonly string[]).includes(v)) {
          throw new Error(`--native-plugin: "${v}" is not ${NATIVE_PLUGINS.join(" or ")}\n${USAGE}`);
        }
        options.nativePlugin = v as NativePlugin;
        break;
      }
      case "--startup-samples":
        options.startupSamples = positiveInteger(flag, value() ?? "");
        break;
      case "--no-fixed-cost":
        options.fixedCost = false;
        break;
      case "--help":
      case "-h":
        throw new Error(USAGE);
      default:
        throw new Error(`unknown argument "${arg}"\n${USAGE}`);
    }
  }
  return options;
}

/** How a parallel setting is shown in the figures. */
export function parallelLabel(parallel: number | undefined): string {
  if (parallel === undefined) return "default";
  return parallel === UNBOUNDED_PARALLEL ? "unbounded" : String(parallel);
}
