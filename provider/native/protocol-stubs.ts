/**
 * The engine's protocol as code: gRPC, the pulumirpc message classes and the
 * service definition. The stubs ship with @pulumi/pulumi; grpc and protobuf
 * are loaded through it so both sides share one copy. A bundled plugin
 * replaces this one module (see scripts/release), nothing else.
 */
import { createRequire } from "node:module";
import type * as grpcTypes from "@grpc/grpc-js";
import type * as provproto from "@pulumi/pulumi/proto/provider_pb";

const fromPulumi = createRequire(require.resolve("@pulumi/pulumi/proto/provider_pb"));

/** @grpc/grpc-js, the copy @pulumi/pulumi's stubs use. */
export const grpc = fromPulumi("@grpc/grpc-js") as typeof grpcTypes;
/** pulumirpc provider messages (CheckRequest, CreateResponse, ...). */
export const proto = fromPulumi("./provider_pb") as typeof provproto;
/** pulumirpc plugin messages (PluginInfo). */
export const plugin = fromPulumi("./plugin_pb") as typeof import("@pulumi/pulumi/proto/plugin_pb");
/** The ResourceProvider service definition. */
export const services = fromPulumi("./provider_grpc_pb") as { ResourceProviderService: grpcTypes.ServiceDefinition };
/** google.protobuf.Empty. */
export const empty = fromPulumi(
  "google-protobuf/google/protobuf/empty_pb",
) as typeof import("google-protobuf/google/protobuf/empty_pb");
/** google.protobuf.Struct. */
export const struct = fromPulumi(
  "google-protobuf/google/protobuf/struct_pb",
) as typeof import("google-protobuf/google/protobuf/struct_pb");
/** pulumirpc engine messages (LogRequest, LogSeverity): diagnostics sent to the engine. */
export const engine = fromPulumi("./engine_pb") as typeof import("@pulumi/pulumi/proto/engine_pb");
/** The Engine service's client (Log), for the address the engine starts the plugin with. */
export const engineServices = fromPulumi("./engine_grpc_pb") as {
  EngineClient: new (address: string, credentials: grpcTypes.ChannelCredentials) => grpcTypes.Client;
};
/** google.rpc.Status: the structured error a failed call carries in `grpc-status-details-bin`. */
export const status = fromPulumi("./status_pb") as typeof import("@pulumi/pulumi/proto/status_pb");
/** google.protobuf.Any, which packs a Status detail such as ErrorResourceInitFailed. */
export const any = fromPulumi(
  "google-protobuf/google/protobuf/any_pb",
) as typeof import("google-protobuf/google/protobuf/any_pb");
