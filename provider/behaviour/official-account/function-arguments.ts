/**
 * The rules a function's arguments follow, and the check of a call's
 * arguments against its row of the function table (functions.ts): every
 * problem at once, each naming the argument, the rule and the fix. Both front
 * doors' calls go through it, so arguments from any language are checked alike.
 */
import { officialAccountIdProblem, userIdProblem } from "../../../chat-api/field-rules";
import { OfficialAccountError } from "../errors";
import type { InputFailure } from "./validation";

/** What one argument must be: the text for a missing value, and the problem with a given one (undefined when fine). */
export interface ArgumentRule {
  /** What to pass, for the message when a required argument is missing. */
  readonly expected: string;
  /** The problem with `value` given as the argument `name`, or undefined when it follows the rule. */
  readonly problem: (value: unknown, name: string) => string | undefined;
}

/** One argument as the check needs it: whether it is required, and its rule. */
interface CheckedArgument {
  /** True when a call must pass it. */
  readonly required: boolean;
  /** What its value must be. */
  readonly rule: ArgumentRule;
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `${typeof value} ${JSON.stringify(value)}`;
}

/** An official-account id (`@TOA#_...`), by the id rule of chat-api/field-rules.ts. */
export const OFFICIAL_ACCOUNT_ID_ARGUMENT: ArgumentRule = {
  expected: 'an official-account id such as "@TOA#_news"',
  problem: (value, name) =>
    typeof value === "string"
      ? officialAccountIdProblem(value, name)
      : `${name} must be a string (an official-account id such as "@TOA#_news"); got ${typeOf(value)}.`,
};

/** The UserID of a Chat account, by the UserID rule of chat-api/field-rules.ts. */
export const USER_ID_ARGUMENT: ArgumentRule = {
  expected: "the UserID of a Chat account",
  problem: (value, name) =>
    typeof value !== "string" || value === ""
      ? `${name} must be the UserID of a Chat account (a non-empty string); got ${typeOf(value)}.`
      : userIdProblem(name, value),
};

/** One of `allowed`, exactly as spelt there. */
export function oneOfArgument(allowed: readonly string[]): ArgumentRule {
  return {
    expected: allowed.join(", "),
    problem: (value, name) =>
      typeof value === "string" && allowed.includes(value)
        ? undefined
        : `${name} must be one of ${allowed.join(", ")}; got ${typeOf(value)}.`,
  };
}

/** A list whose items all follow `item` (`expected` says what they are); the first bad item is named by its index. */
export function listArgument(item: ArgumentRule, expected: string): ArgumentRule {
  return {
    expected,
    problem: (value, name) => {
      if (!Array.isArray(value)) return `${name} must be a list of ${expected}; got ${typeOf(value)}.`;
      for (const [index, element] of value.entries()) {
        const problem = item.problem(element, `${name}[${index}]`);
        if (problem) return problem;
      }
      return undefined;
    },
  };
}

/**
 * Every problem with the arguments `args` of the function `functionName`, whose arguments are `inputs`:
 * unknown names, missing required ones, values breaking a rule. Empty when the call may go ahead.
 */
export function argumentProblems(
  functionName: string,
  inputs: Readonly<Record<string, CheckedArgument>>,
  args: unknown,
): InputFailure[] {
  const names = Object.keys(inputs);
  if (typeof args !== "object" || args === null || Array.isArray(args)) {
    return [{ property: "", reason: `${functionName} takes an object with ${names.join(", ")}; got ${typeOf(args)}.` }];
  }
  const given = new Map(Object.entries(args));
  const failures: InputFailure[] = [];
  for (const [name, value] of given) {
    if (!Object.hasOwn(inputs, name) && value !== undefined && value !== null) {
      failures.push({
        property: name,
        reason: `${name} is not an argument of ${functionName}; it takes ${names.join(", ")}.`,
      });
    }
  }
  for (const [name, input] of Object.entries(inputs)) {
    const value = given.get(name);
    if (value === undefined || value === null) {
      if (input.required) {
        failures.push({ property: name, reason: `${name} is required: pass ${input.rule.expected}.` });
      }
      continue;
    }
    const problem = input.rule.problem(value, name);
    if (problem) failures.push({ property: name, reason: problem });
  }
  return failures;
}

/** A function called with arguments that break its rules; `failures` names each argument. */
export class FunctionArgumentsError extends OfficialAccountError {
  override readonly name = "FunctionArgumentsError";

  constructor(
    /** The function called, as programs call it (`getOfficialAccount`). */
    readonly functionName: string,
    /** Each bad argument, with the rule and the fix. */
    readonly failures: readonly InputFailure[],
  ) {
    super(`${functionName}: ${failures.map((failure) => failure.reason).join(" ")}`);
  }
}
