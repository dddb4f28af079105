/**
 * `pulumi-tencent-chat/native`: the typed TypeScript surface of the native
 * `tencentchat` provider plugin (install it with
 * `npx pulumi-tencent-chat install-plugin`). Same inputs, outputs and
 * behaviour as the dynamic `OfficialAccount`, plus explicit `Provider`
 * instances (one per Chat app), `pulumi import`, and state with no code.
 *
 * Hand-written rather than `pulumi package gen-sdk --language nodejs`: the
 * Node.js language host this project builds (v3.68) cannot generate packages,
 * and this file is small enough to keep typed from the same tables (the
 * arguments and outputs, and the Provider's arguments, are
 * official-account/types.ts, generated from the field and settings tables;
 * the functions are lookups.ts, generated from the function table).
 */
import * as pulumi from "@pulumi/pulumi";
import { OFFICIAL_ACCOUNT_FIELDS } from "../../chat-api/official-account-fields";
import type { OfficialAccountArgs, OfficialAccountOutputs, ProviderArgs } from "../behaviour/official-account/types";
import { versioned } from "./plugin-options";
import { OFFICIAL_ACCOUNT_TOKEN, SCHEMA_PACKAGE } from "./schema";

export type { ProviderArgs, OfficialAccountArgs, OfficialAccountOutputs };
// The functions and their types, generated from the function table.
export * from "./lookups";

/**
 * A `tencentchat` provider instance: one Chat app. Pass it as `{ provider }`
 * to manage several apps (staging and production, two regions) in one program.
 */
export class Provider extends pulumi.ProviderResource {
  constructor(name: string, args: ProviderArgs = {}, opts: pulumi.ResourceOptions = {}) {
    super(
      SCHEMA_PACKAGE,
      name,
      { ...args, secretKey: args.secretKey === undefined ? undefined : pulumi.secret(args.secretKey) },
      versioned(opts),
    );
  }
}

/**
 * A Tencent Cloud Chat official account, served by the native plugin.
 * Import an existing one with
 * `pulumi import tencentchat:index:OfficialAccount <name> '@TOA#_...'`.
 */
// The outputs are declared once, from the field table, for both front doors; merged here, not redeclared.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
export interface OfficialAccount extends OfficialAccountOutputs {}
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class OfficialAccount extends pulumi.CustomResource {
  /** Looks up an existing account by id (read-only in this program). */
  static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): OfficialAccount {
    return new OfficialAccount(name, undefined, { ...opts, id });
  }

  constructor(name: string, args: OfficialAccountArgs | undefined, opts?: pulumi.CustomResourceOptions) {
    // Every field of the table is listed, so each output property is filled in.
    const props: pulumi.Inputs = Object.fromEntries(OFFICIAL_ACCOUNT_FIELDS.map((field) => [field.name, undefined]));
    if (!opts?.id) Object.assign(props, args ?? {});
    super(OFFICIAL_ACCOUNT_TOKEN, name, props, versioned(opts));
  }
}
