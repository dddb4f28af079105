/**
 * The bundled plugin's protocol-stubs.ts (scripts/release swaps it in):
 * the same exports through static `require` calls a bundler can follow,
 * where protocol-stubs.ts resolves them through @pulumi/pulumi at run time.
 * The types come from protocol-stubs.ts, so the two cannot drift apart.
 */
import type * as stubs from "./protocol-stubs";

/** @grpc/grpc-js, the copy @pulumi/pulumi's stubs use. */
export const grpc: typeof stubs.grpc = require("@grpc/grpc-js");
/** pulumirpc provider messages (CheckRequest, CreateResponse, ...). */
export const proto: typeof stubs.proto = require("@pulumi/pulumi/proto/provider_pb");
/** pulumirpc plugin messages (PluginInfo). */
export const plugin: typeof stubs.plugin = require("@pulumi/pulumi/proto/plugin_pb");
/** The ResourceProvider service definition. */
export const services: typeof stubs.services = require("@pulumi/pulumi/proto/provider_grpc_pb");
/** google.protobuf.Empty. */
export const empty: typeof stubs.empty = require("google-protobuf/google/protobuf/empty_pb");
/** google.protobuf.Struct. */
export const struct: typeof stubs.struct = require("google-protobuf/google/protobuf/struct_pb");
/** pulumirpc engine messages (LogRequest, LogSeverity): diagnostics sent to the engine. */
export const engine: typeof stubs.engine = require("@pulumi/pulumi/proto/engine_pb");
/** The Engine service's client (Log), for the address the engine starts the plugin with. */
export const engineServices: typeof stubs.engineServices = require("@pulumi/pulumi/proto/engine_grpc_pb");
/** google.rpc.Status: the structured error a failed call carries in `grpc-status-details-bin`. */
export const status: typeof stubs.status = require("@pulumi/pulumi/proto/status_pb");
/** google.protobuf.Any, which packs a Status detail such as ErrorResourceInitFailed. */
export const any: typeof stubs.any = require("google-protobuf/google/protobuf/any_pb");

// Fails to compile when protocol-stubs.ts gains an export this module lacks.
const everyStub: { readonly [name in keyof typeof stubs]: unknown } = {
  grpc,
  proto,
  plugin,
  services,
  empty,
  struct,
  engine,
  engineServices,
  status,
  any,
};
void everyStub;
