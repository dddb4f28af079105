/**
 * How the dynamic door's program-side functions (lookups.ts, generated from
 * the function table) run: in the program, through the function table's
 * `invokeFunction`, with a client from the program's own settings.
 */
import * as pulumi from "@pulumi/pulumi";
import { resolveChatSettings } from "../behaviour/settings";
import { sharedOfficialAccountsApi } from "../behaviour/client-cache";
import { invokeFunction, type FunctionName } from "../behaviour/official-account/functions";
import type { FunctionSignatures } from "../behaviour/official-account/function-types";

function programApi() {
  // runtime.getConfig reads the stack's (decrypted) config without Config's secret-usage warnings.
  return sharedOfficialAccountsApi(resolveChatSettings((key) => pulumi.runtime.getConfig(key)));
}

/**
 * Runs the function `name` in the program with the stack's settings; its arguments are checked first.
 * Async, so missing settings reject the call's promise as bad arguments do, never throw.
 */
export async function callInProgram<N extends FunctionName>(
  name: N,
  args: FunctionSignatures[N]["args"],
): Promise<FunctionSignatures[N]["result"]> {
  return invokeFunction(programApi(), name, args);
}

/**
 * Runs the function `name` on its resolved inputs once the resources those inputs come from exist, as
 * Pulumi's own output-form invokes do: in a preview, an input taken from a resource still to be
 * created makes the result unknown, instead of reading an account that does not exist yet (130004).
 */
export function callInProgramOutput<N extends FunctionName>(
  name: N,
  args: pulumi.Inputs,
): pulumi.Output<FunctionSignatures[N]["result"]> {
  const dependencyIds = pulumi.output(
    pulumi.runtime.serializeResourceProperties(`tencentchat ${name}`, args).then(([, dependencies]) =>
      [...dependencies.values()]
        .flatMap((resources) => [...resources])
        .filter((resource) => pulumi.CustomResource.isInstance(resource))
        // DependencyResources carry no id.
        .flatMap((resource) => (resource.id === undefined ? [] : [resource.id])),
    ),
  );
  // The resolved arguments are checked against the function's row, like any call's.
  return pulumi
    .all([pulumi.output(args), dependencyIds])
    .apply(([resolved]) => invokeFunction(programApi(), name, resolved));
}
