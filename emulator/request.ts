/**
 * Reading request bodies safely: a size cap, and JSON that must be an
 * object, so nothing a client sends reaches a handler unparsed or crashes us.
 */
import type { IncomingMessage } from "node:http";
import { ErrorCode } from "../chat-api/error-codes";
import { CommandFailure } from "./failure";

/** A request body read whole, or the note that it was larger than allowed. */
type BodyResult = { readonly ok: true; readonly bytes: Buffer } | { readonly ok: false; readonly tooLarge: true };

/** Past this we stop draining an oversized body and drop the connection. */
const DRAIN_LIMIT_BYTES = 16 * 1024 * 1024;

/**
 * Reads the whole body, keeping at most `maxBytes`. A larger body is drained
 * (not kept) so the client still gets its error answer.
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<BodyResult> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > DRAIN_LIMIT_BYTES) {
        req.destroy();
        return;
      }
      if (size <= maxBytes) chunks.push(chunk);
    });
    req.on("end", () =>
      resolve(size > maxBytes ? { ok: false, tooLarge: true } : { ok: true, bytes: Buffer.concat(chunks) }),
    );
    req.on("error", reject);
    req.on("close", () => {
      if (!req.complete) reject(new Error("request aborted"));
    });
  });
}

/** Parses a body that must be one JSON object; anything else is 60003. */
export function parseJsonObject(bytes: Buffer): Record<string, unknown> {
  const text = bytes.toString("utf8").trim();
  if (text === "") throw new CommandFailure(ErrorCode.jsonParse, "JSON parse error: the request body is empty");
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new CommandFailure(ErrorCode.jsonParse, `JSON parse error: ${(error as Error).message}`);
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
    throw new CommandFailure(ErrorCode.jsonParse, "JSON parse error: the request body must be a JSON object");
  }
  return doc as Record<string, unknown>;
}
