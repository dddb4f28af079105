/**
 * How the native door's typed wrappers (lookups.ts, generated from the
 * function table) run: an Invoke of the function's token on the `tencentchat`
 * plugin, which checks the arguments against the same table.
 */
import * as pulumi from "@pulumi/pulumi";
import type { FunctionName } from "../behaviour/official-account/functions";
import type { FunctionSignatures } from "../behaviour/official-account/function-types";
import { versioned } from "./plugin-options";
import { functionToken } from "./schema";

/** Invokes the function `name` through the plugin. */
export function invokeThroughPlugin<N extends FunctionName>(
  name: N,
  args: FunctionSignatures[N]["args"],
  opts: pulumi.InvokeOptions | undefined,
): Promise<FunctionSignatures[N]["result"]> {
  return pulumi.runtime.invoke(functionToken(name), { ...args }, versioned(opts));
}

/** Invokes the function `name` through the plugin on Pulumi inputs. */
export function invokeThroughPluginOutput<N extends FunctionName>(
  name: N,
  args: pulumi.Inputs,
  opts: pulumi.InvokeOutputOptions | undefined,
): pulumi.Output<FunctionSignatures[N]["result"]> {
  return pulumi.runtime.invokeOutput(functionToken(name), { ...args }, versioned(opts));
}
