/**
 * Keeps secrets (the secret key, UserSigs) out of every message, log line and
 * error cause the client produces. Whatever text crosses from the transport
 * into an error or a log goes through a redactor first.
 */

const REDACTED = "[redacted]";

/** Removes `usersig=...` query values wherever a URL was echoed. */
function redactUserSigParams(text: string): string {
  return text.replace(/(usersig=)[^&\s"'<>]*/gi, `$1${REDACTED}`);
}

/** Returns `text` with every secret it knows replaced by `[redacted]`. */
export type Redactor = (text: string) => string;

/**
 * A redactor that removes every current secret (looked up on each call, so a
 * renewed UserSig is covered too) and any `usersig=` query value.
 */
export function createRedactor(secrets: () => Iterable<string | undefined>): Redactor {
  return (text: string) => {
    let out = redactUserSigParams(text);
    for (const secret of secrets()) {
      // Very short secrets would redact innocent text; real keys and sigs are long.
      if (secret && secret.length >= 8) out = out.split(secret).join(REDACTED);
    }
    return out;
  };
}

/**
 * A copy of `error` that keeps its name, scrubbed message and network code but
 * none of its properties (axios errors carry the request config, whose URL
 * holds the UserSig).
 */
export function scrubbedCause(error: unknown, redact: Redactor): Error {
  const source = error instanceof Error ? error : new Error(String(error));
  const copy = new Error(redact(source.message));
  copy.name = source.name;
  const code = (source as { code?: unknown }).code;
  if (typeof code === "string") (copy as Error & { code?: string }).code = code;
  copy.stack = `${copy.name}: ${copy.message}`;
  return copy;
}
