/**
 * Property values as the engine sends them over gRPC: secrets arrive wrapped
 * in a signed object (when the provider accepts secrets, and always in
 * CheckConfig/Configure), unknowns during preview as a sentinel string.
 */
import type { Props } from "../behaviour/props";

const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

function isSecret(value: unknown): value is { value?: unknown } {
  return typeof value === "object" && value !== null && (value as Props)[SIG_KEY] === SECRET_SIG;
}

/** The value with every secret wrapper removed (deeply). */
export function unwrapSecrets(value: unknown): unknown {
  if (isSecret(value)) return unwrapSecrets(value.value);
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, unwrapSecrets(inner)]));
  }
  return value;
}

/** A value wrapped as a secret, so the engine keeps it encrypted in state. */
export function asSecret(value: unknown): unknown {
  return isSecret(value) ? value : { [SIG_KEY]: SECRET_SIG, value };
}

/** Drops undefined members (protobuf Structs cannot carry them) and copies plain data. */
export function plainData<T>(value: T): T {
  return JSON.parse(JSON.stringify(value ?? {})) as T;
}
