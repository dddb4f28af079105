/**
 * Failures as the engine understands them: a gRPC status code that says what
 * happened (bad input, not found, throttled, unavailable, not allowed, a bug),
 * and for a create that landed but could not be read back, the protocol's
 * partial-failure detail (pulumirpc.ErrorResourceInitFailed) carrying the id
 * and the state so far, so the engine records the account.
 */
import type * as grpcTypes from "@grpc/grpc-js";
import { ErrorCode } from "../../chat-api/error-codes";
import { ChatApiError } from "../chat";
import { ChatConfigError } from "../behaviour/settings";
import { OfficialAccountCreatedButUnreadError, OfficialAccountError } from "../behaviour/errors";
import { FunctionArgumentsError } from "../behaviour/official-account/function-arguments";
import { plainData } from "./property-values";
import { any, grpc, proto, status, struct } from "./protocol-stubs";

/** A request the plugin refuses by itself (an unknown resource type or function token): INVALID_ARGUMENT. */
export class UnsupportedTokenError extends Error {
  override readonly name = "UnsupportedTokenError";
}

/** A call stopped because the engine cancelled the operation (Cancel, SIGTERM). */
export class OperationCancelledError extends Error {
  override readonly name = "OperationCancelledError";
}

const S = grpc.status;

/** Chat API codes by the gRPC status that says what they mean; codes not listed fall back on their retry class. */
const STATUS_OF_CHAT_CODE: ReadonlyMap<number, grpcTypes.status> = new Map<number, grpcTypes.status>([
  [ErrorCode.accountNotFound, S.NOT_FOUND],
  [ErrorCode.accountIdInUse, S.ALREADY_EXISTS],
  [ErrorCode.invalidParameter, S.INVALID_ARGUMENT],
  [ErrorCode.badAccountId, S.INVALID_ARGUMENT],
  [ErrorCode.importInvalidParameter, S.INVALID_ARGUMENT],
  [ErrorCode.badSdkAppId, S.INVALID_ARGUMENT],
  [ErrorCode.missingSdkAppId, S.INVALID_ARGUMENT],
  [ErrorCode.urlParse, S.INVALID_ARGUMENT],
  [ErrorCode.accountQuotaExceeded, S.RESOURCE_EXHAUSTED],
  [ErrorCode.accountNotImported, S.FAILED_PRECONDITION],
  [ErrorCode.partialFailure, S.FAILED_PRECONDITION],
  [ErrorCode.insufficientPermission, S.PERMISSION_DENIED],
  [ErrorCode.appAdminRequired, S.PERMISSION_DENIED],
  [ErrorCode.adminRequired, S.PERMISSION_DENIED],
  [ErrorCode.ipNotAllowed, S.PERMISSION_DENIED],
  [ErrorCode.serviceNotEnabled, S.PERMISSION_DENIED],
  [ErrorCode.planExpired, S.PERMISSION_DENIED],
  [ErrorCode.badIdentifier, S.UNAUTHENTICATED],
  [ErrorCode.badUserSig, S.UNAUTHENTICATED],
  [ErrorCode.userSigExpired, S.UNAUTHENTICATED],
  [ErrorCode.userSigEmpty, S.UNAUTHENTICATED],
  [ErrorCode.userSigInvalid, S.UNAUTHENTICATED],
  [ErrorCode.userSigInvalidAlt, S.UNAUTHENTICATED],
  [ErrorCode.secretKeyMismatch, S.UNAUTHENTICATED],
  [ErrorCode.identifierMismatch, S.UNAUTHENTICATED],
  [ErrorCode.sdkAppIdMismatch, S.UNAUTHENTICATED],
  [ErrorCode.keyNotFound, S.UNAUTHENTICATED],
  [ErrorCode.tooManyFailedChecks, S.UNAUTHENTICATED],
  // Our request was malformed or the answer was: a bug on one side or the other.
  [ErrorCode.protocol, S.INTERNAL],
  [ErrorCode.invalidRequestPacket, S.INTERNAL],
  [ErrorCode.jsonParse, S.INTERNAL],
]);

/** The gRPC status a Chat API failure stands for. */
function statusOfChatError(error: ChatApiError): grpcTypes.status {
  if (error.networkCode === "ERR_CANCELED") return S.CANCELLED;
  if (error.networkCode === "ETIMEDOUT") return S.DEADLINE_EXCEEDED;
  const listed = STATUS_OF_CHAT_CODE.get(error.code);
  if (listed !== undefined) return listed;
  switch (error.retryClass) {
    case "throttle":
      return S.RESOURCE_EXHAUSTED;
    case "transient":
      return S.UNAVAILABLE;
    case "renew-user-sig":
      return S.UNAUTHENTICATED;
    default:
      return S.UNKNOWN; // a code the table does not know: the service's ErrorInfo says more
  }
}

/** The gRPC status code that says what went wrong; INTERNAL for anything that is not ours to explain (a bug). */
export function grpcStatusOf(error: unknown): grpcTypes.status {
  if (error instanceof OperationCancelledError) return S.CANCELLED;
  if (error instanceof UnsupportedTokenError || error instanceof FunctionArgumentsError) return S.INVALID_ARGUMENT;
  if (error instanceof ChatConfigError) return S.INVALID_ARGUMENT;
  if (error instanceof ChatApiError) return statusOfChatError(error);
  if (error instanceof OfficialAccountError) {
    return error.cause instanceof ChatApiError || error.cause instanceof OperationCancelledError
      ? grpcStatusOf(error.cause)
      : S.FAILED_PRECONDITION; // the behaviour refused on what it saw (an id in use, another owner)
  }
  return S.INTERNAL;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The error to hand the gRPC callback: its code, its message (never the
 * inputs), and for a create that landed, the ErrorResourceInitFailed detail in
 * `grpc-status-details-bin`, as the engine reads partial failures.
 */
export function grpcErrorOf(error: unknown): Partial<grpcTypes.StatusObject> {
  const code = grpcStatusOf(error);
  const details = messageOf(error);
  if (!(error instanceof OfficialAccountCreatedButUnreadError)) return { code, details };

  const detail = new proto.ErrorResourceInitFailed();
  detail.setId(error.id);
  detail.setProperties(struct.Struct.fromJavaScript(plainData(error.properties) as Record<string, never>));
  detail.setReasonsList(error.reasons);
  const packed = new any.Any();
  packed.pack(detail.serializeBinary(), "pulumirpc.ErrorResourceInitFailed");
  const rpcStatus = new status.Status();
  rpcStatus.setCode(code);
  rpcStatus.setMessage(details);
  rpcStatus.addDetails(packed);
  const metadata = new grpc.Metadata();
  metadata.add("grpc-status-details-bin", Buffer.from(rpcStatus.serializeBinary()));
  return { code, details, metadata };
}
