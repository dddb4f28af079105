/**
 * The two front doors a program reaches the provider through, as one table,
 * so a suite states its proofs once and runs them through both
 * (`for (const door of FRONT_DOORS) describe(...)`): the dynamic
 * `OfficialAccount` and the native plugin's `tencentchat:index:OfficialAccount`,
 * both declared by the accounts-program fixture, whose `frontDoor` config
 * value picks the door; the door knows that value, which resource type is in
 * state, and which process serves the provider.
 */
import type { ProcessInfo } from "./process-tree";

export type FrontDoorName = "dynamic" | "native";

export interface FrontDoor {
  readonly name: FrontDoorName;
  /** Words for test titles: "the dynamic resource", "the native plugin". */
  readonly title: string;
  /** The accounts-program fixture's `frontDoor` config value that makes it declare through this door. */
  readonly frontDoorConfig: string;
  /** The account's resource type in state. */
  readonly resourceType: string;
  /** Whether `process` is this door's provider process (the one the engine talks to for the accounts). */
  isProviderProcess(process: ProcessInfo): boolean;
}

export const DYNAMIC_DOOR: FrontDoor = {
  name: "dynamic",
  title: "the dynamic resource",
  frontDoorConfig: "dynamic",
  resourceType: "pulumi-nodejs:dynamic/tencentchat:OfficialAccount",
  // @pulumi/pulumi's dynamic provider host, started by the engine as pulumi-resource-pulumi-nodejs.
  isProviderProcess: (process) => process.command.includes("dynamic-provider"),
};

export const NATIVE_DOOR: FrontDoor = {
  name: "native",
  title: "the native plugin",
  frontDoorConfig: "native",
  resourceType: "tencentchat:index:OfficialAccount",
  // Started by the engine as `pulumi-resource-tencentchat <engine address>` (a node script or one executable).
  isProviderProcess: (process) => /(^|[\s/])pulumi-resource-tencentchat(\s|$)/.test(process.command),
};

/** Every front door, in the order suites run them. */
export const FRONT_DOORS: readonly FrontDoor[] = [DYNAMIC_DOOR, NATIVE_DOOR];
