/**
 * The `OfficialAccount` resource: a Tencent Cloud Chat official account
 * declared in a Pulumi program.
 */
import * as pulumi from "@pulumi/pulumi";
import { INPUT_FIELDS, OUTPUT_FIELDS } from "../../chat-api/official-account-fields";
import type { OfficialAccountArgs, OfficialAccountOutputs } from "../behaviour/official-account/types";

export type { OfficialAccountArgs, OfficialAccountOutputs };

/**
 * The provider object Pulumi serializes into every resource's state
 * (`__provider`, in both inputs and outputs, rewritten in every checkpoint).
 * It holds no code of ours and no secret: it requires the installed package's
 * runtime by name, so upgrading the package upgrades existing resources.
 *
 * One method, because size counts: @pulumi/pulumi's dynamic-provider host
 * loads this text and calls `configure` once per process before any other
 * method (since pulumi/pulumi#17697, late 2024, older than the 3.216 we need),
 * and `configureShim` then gives this object the provider's check, diff,
 * create, read, update and delete. Never reference anything outside this body.
 *
 * Parsing rule: @pulumi/pulumi parses this body (as compiled to dist/) when it
 * serializes it, with the program's own `typescript` or, when the program has
 * none (plain JavaScript), with the TypeScript 3.8.3 it vendors. So write no
 * syntax newer than TypeScript 3.8: no `??=`, `||=`, `&&=` (4.0). Enforced by
 * tests/dynamic/official-account-shim.test.ts.
 */
export const officialAccountShim = {
  configure(req: pulumi.dynamic.ConfigureRequest) {
    require("pulumi-tencent-chat/provider-runtime").configureShim(this, req.config);
  },
} as unknown as pulumi.dynamic.ResourceProvider;

/**
 * Every field of the table, as the resource registers it: a property left out here would never become
 * an output, although the generated type says it exists. Inputs carry the program's value (undefined
 * when left out), outputs are undefined until the provider fills them in. The spread of `args` before
 * it keeps names the table does not know, so `check` can name them.
 */
function registeredFields(args: OfficialAccountArgs | undefined): pulumi.Inputs {
  const given = (args ?? {}) as Partial<Record<string, pulumi.Input<unknown>>>;
  return Object.fromEntries([
    ...INPUT_FIELDS.map((field) => [field.name, given[field.name]]),
    ...OUTPUT_FIELDS.map((field) => [field.name, undefined]),
  ]);
}

/**
 * A Tencent Cloud Chat official account.
 *
 * Credentials come from the stack config (`tencentchat:sdkAppId`,
 * `tencentchat:identifier`, `tencentchat:secretKey` as a secret, and
 * `tencentchat:region` or `tencentchat:endpoint`) or the matching
 * `TENCENTCHAT_*` environment variables, read inside the provider process:
 * they never enter the stack's state.
 *
 * ```ts
 * const news = new OfficialAccount("news", { ownerAccount: "editor", name: "Daily News" });
 * export const newsId = news.officialAccountUserId;
 * ```
 */
// The outputs are declared once, from the field table, for both front doors; merged here, not redeclared.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
export interface OfficialAccount extends OfficialAccountOutputs {}
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class OfficialAccount extends pulumi.dynamic.Resource {
  constructor(name: string, args: OfficialAccountArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      officialAccountShim,
      name,
      {
        ...args,
        // Seeds a generated id: stable for this resource, distinct across projects and stacks.
        idSeed: `${pulumi.getProject()}/${pulumi.getStack()}/${name}`,
        ...registeredFields(args),
      },
      opts,
      "tencentchat",
      "OfficialAccount",
    );
  }
}
