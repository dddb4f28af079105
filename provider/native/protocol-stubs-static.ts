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
