/**
 * The `OfficialAccount` resource: a Tencent Cloud Chat official account
 * declared in a Pulumi program.
 */
import * as pulumi from "@pulumi/pulumi";

/** Arguments of an {@link OfficialAccount}. Byte limits count UTF-8 bytes (a Chinese character is 3). */
export interface OfficialAccountArgs {
  /**
   * UserID of the Chat account that owns the official account. It must be an
   * imported account. The owner cannot change on a live account: a new value
   * replaces the official account.
   */
  readonly ownerAccount: pulumi.Input<string>;
  /** Display name, 1 to 150 bytes. */
  readonly name: pulumi.Input<string>;
  /** Introduction shown to users, up to 400 bytes. */
  readonly introduction?: pulumi.Input<string>;
  /** Avatar URL, up to 500 bytes. */
  readonly faceUrl?: pulumi.Input<string>;
  /** Organization the account belongs to, up to 500 bytes. */
  readonly organization?: pulumi.Input<string>;
  /** Free-form data for your own use, up to 3000 bytes. */
  readonly customString?: pulumi.Input<string>;
  /** Most subscribers the account accepts; default 100000. */
  readonly maxSubscriberNum?: pulumi.Input<number>;
  /**
   * The official account's id, `@TOA#_` followed by letters, digits or `_ - # @ .`,
   * at most 48 bytes in all. Leave it out to have one generated from the
   * project, stack, resource name and owner (stable across runs). A new value
   * replaces the official account.
   */
  readonly officialAccountUserId?: pulumi.Input<string>;
  /**
   * Take over an existing account with this `officialAccountUserId` instead of
   * failing with 130008 (id in use): its fields are then set as declared. This
   * is the import path, since `pulumi import` does not work for dynamic providers.
   * Default false.
   */
  readonly adopt?: pulumi.Input<boolean>;
}

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
 * tests/provider/official-account-shim.test.ts.
 */
export const officialAccountShim = {
  configure(req: pulumi.dynamic.ConfigureRequest) {
    require("pulumi-tencent-chat/provider-runtime").configureShim(this, req.config);
  },
} as unknown as pulumi.dynamic.ResourceProvider;

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
export class OfficialAccount extends pulumi.dynamic.Resource {
  /** The official account's id (`@TOA#_...`), also the resource id. */
  public readonly officialAccountUserId!: pulumi.Output<string>;
  /** UserID of the owning Chat account. */
  public readonly ownerAccount!: pulumi.Output<string>;
  /** Display name. */
  public readonly name!: pulumi.Output<string>;
  /** Introduction ("" when not set). */
  public readonly introduction!: pulumi.Output<string>;
  /** Avatar URL ("" when not set). */
  public readonly faceUrl!: pulumi.Output<string>;
  /** Organization ("" when not set). */
  public readonly organization!: pulumi.Output<string>;
  /** Custom data ("" when not set). */
  public readonly customString!: pulumi.Output<string>;
  /** Most subscribers accepted. */
  public readonly maxSubscriberNum!: pulumi.Output<number>;
  /** Whether an existing account was allowed to be taken over. */
  public readonly adopt!: pulumi.Output<boolean>;
  /** Creation time, Unix seconds, as the service reports it. */
  public readonly createTime!: pulumi.Output<number>;
  /** Time of the last message, Unix seconds (0 before any). Refreshed by `pulumi refresh`. */
  public readonly lastMsgTime!: pulumi.Output<number>;
  /** Current number of subscribers. Refreshed by `pulumi refresh`. */
  public readonly subscriberNum!: pulumi.Output<number>;

  constructor(name: string, args: OfficialAccountArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      officialAccountShim,
      name,
      {
        ...args,
        // Seeds a generated id: stable for this resource, distinct across projects and stacks.
        idSeed: `${pulumi.getProject()}/${pulumi.getStack()}/${name}`,
        officialAccountUserId: args?.officialAccountUserId,
        introduction: args?.introduction,
        faceUrl: args?.faceUrl,
        organization: args?.organization,
        customString: args?.customString,
        maxSubscriberNum: args?.maxSubscriberNum,
        adopt: args?.adopt,
        createTime: undefined,
        lastMsgTime: undefined,
        subscriberNum: undefined,
      },
      opts,
      "tencentchat",
      "OfficialAccount",
    );
  }
}
