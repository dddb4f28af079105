/**
 * The one adapter that writes responses: every /v4/ answer is an
 * ActionStatus/ErrorCode/ErrorInfo envelope with HTTP 200, as the vendor
 * documents; the control API and the injected 502 use the same writer.
 */
import type { ServerResponse } from "node:http";
import type { ApiEnvelope } from "../chat-api/wire-types";

/** The whole JSON body of a /v4/ answer: the envelope and the command's own fields. */
export type ResponseBody = ApiEnvelope & Record<string, unknown>;

/** A success envelope; the envelope keys come first, as in the vendor's samples. */
export function okEnvelope(fields: object = {}): ResponseBody {
  return { ActionStatus: "OK", ErrorInfo: "", ErrorCode: 0, ...fields };
}

/** A failure envelope: the code and the ErrorInfo the caller sees. */
export function failEnvelope(code: number, info: string): ResponseBody {
  return { ActionStatus: "FAIL", ErrorInfo: info, ErrorCode: code };
}

/** Writes `body` as JSON with `status`; nothing when an answer is already out or the socket is gone. */
export function writeJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(text),
  });
  res.end(text);
}

/** Vendor envelopes always travel with HTTP 200; the outcome is inside. */
export function writeEnvelope(res: ServerResponse, envelope: ResponseBody): void {
  writeJson(res, 200, envelope);
}

/** What a gateway in front of the service answers when the backend is unreachable. */
export function writeBadGateway(res: ServerResponse): void {
  if (res.headersSent || res.destroyed) return;
  const text = "<html><head><title>502 Bad Gateway</title></head><body>502 Bad Gateway</body></html>";
  res.writeHead(502, { "Content-Type": "text/html", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}
