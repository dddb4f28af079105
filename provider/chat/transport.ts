/**
 * Sends one attempt of one command over HTTP (axios): the documented query
 * string (sdkappid, identifier, usersig, random, contenttype) and the JSON
 * body, within the attempt's time limit. It reports a slow answer to the
 * call's observer, logs each answer in one line, and turns the outcome into
 * the typed body or the ChatApiError it amounts to (response-envelope.ts,
 * network-errors.ts). Retries are the client's, not the transport's.
 */
import { randomInt } from "node:crypto";
import axios, { type AxiosInstance, type AxiosResponse } from "axios";
import { commandPath, type CommandName } from "../../chat-api/commands";
import type { HintContext } from "../../chat-api/error-codes";
import { SLOW_CALL_NOTICE_MS, type CallObserver } from "./call-observer";
import { ChatApiError } from "./errors";
import { deadlinePassedError, networkError } from "./network-errors";
import type { Redactor } from "./redact";
import { parseResponse } from "./response-envelope";

/** Where and as whom a transport sends, and where its lines and error texts go. */
interface TransportOptions {
  /** Every command path is appended to this. */
  readonly baseUrl: string;
  /** The app's SDKAppID, sent in every query string. */
  readonly sdkAppId: number;
  /** The app admin every call is made as. */
  readonly identifier: string;
  /** The User-Agent header of every request. */
  readonly userAgent: string;
  /** Time limit of each request, in milliseconds (the call's deadline may shorten it). */
  readonly timeoutMs: number;
  /** True for an endpoint on this machine: it is never reached through a proxy from the environment. */
  readonly loopbackEndpoint: boolean;
  /** Fits the code table's hints to the user's set-up. */
  readonly hintContext: HintContext;
  /** Removes secrets from whatever text of a failure an error or a log line quotes. */
  readonly redact: Redactor;
  /** Receives one line per answer or failure; the caller redacts it. */
  readonly log: (line: string) => void;
}

/** One attempt of a call, as the client hands it to {@link ChatTransport.send}. */
interface Attempt {
  /** 1 for the first request, 2 for the first retry, ... */
  readonly attempt: number;
  /** `Date.now()` by which the call's total deadline passes. */
  readonly deadlineAt: number;
  /** The admin UserSig to send; asked for only once the attempt is sure to be sent. */
  readonly userSig: () => string;
  /** The observer of the call, told when the answer is slow. */
  readonly observer?: CallObserver;
}

/** The HTTP side of a ChatClient: one axios instance and the sending of single attempts. */
export class ChatTransport {
  readonly #options: TransportOptions;
  readonly #http: AxiosInstance;

  /** @param options where and as whom to send; see {@link TransportOptions}. */
  constructor(options: TransportOptions) {
    this.#options = options;
    this.#http = axios.create({
      // A local emulator must never be reached through an HTTP(S)_PROXY from the environment.
      ...(options.loopbackEndpoint ? { proxy: false as const } : {}),
      // A redirect would resend the UserSig to another host: treat it as a failure instead.
      maxRedirects: 0,
      responseType: "text",
      transformResponse: [(data: unknown) => data],
      transitional: { clarifyTimeoutError: true },
      validateStatus: () => true,
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        Accept: "application/json",
        "User-Agent": options.userAgent,
      },
    });
  }

  /**
   * Sends `payload` (the JSON body) as one attempt of `command` and returns
   * the typed response body (ErrorCode 0).
   * @throws ChatApiError for a network failure, an HTTP failure, an answer that is not an envelope, or an API
   *   error code; nothing is retried here.
   */
  async send<T>(command: CommandName, payload: string, attempt: Attempt): Promise<T> {
    const { baseUrl, redact, hintContext, log } = this.#options;
    const timeoutMs = Math.min(this.#options.timeoutMs, attempt.deadlineAt - Date.now());
    if (timeoutMs <= 0) throw deadlinePassedError(command);
    const sig = attempt.userSig();
    const started = Date.now();
    const observer = attempt.observer;
    // A slow answer is reported every SLOW_CALL_NOTICE_MS (a front door may show it as a status line).
    const slow = observer?.onSlow
      ? setInterval(
          () => observer.onSlow?.({ command, attempt: attempt.attempt, waitedMs: Date.now() - started }),
          SLOW_CALL_NOTICE_MS,
        ).unref()
      : undefined;
    let response: AxiosResponse<string>;
    try {
      response = await this.#http.post<string>(baseUrl + commandPath(command), payload, {
        params: {
          sdkappid: this.#options.sdkAppId,
          identifier: this.#options.identifier,
          usersig: sig,
          random: randomInt(0, 2 ** 32),
          contenttype: "json",
        },
        timeout: Math.max(1, Math.floor(timeoutMs)),
      });
    } catch (error) {
      const failure = networkError(command, error, timeoutMs, { baseUrl, redact });
      log(`chat: ${command} attempt ${attempt.attempt} -> ${failure.networkCode} after ${Date.now() - started} ms`);
      throw failure;
    } finally {
      clearInterval(slow);
    }
    const elapsed = Date.now() - started;
    const text = typeof response.data === "string" ? response.data : String(response.data ?? "");
    const result = parseResponse<T>(command, response.status, text, { baseUrl, redact, hintContext });
    if (result instanceof ChatApiError) {
      const what =
        result.httpStatus !== undefined && result.code < 0 ? `HTTP ${result.httpStatus}` : String(result.code);
      log(`chat: ${command} attempt ${attempt.attempt} -> ${what} (${result.meaning}) in ${elapsed} ms`);
      throw result;
    }
    log(`chat: ${command} attempt ${attempt.attempt} -> ok in ${elapsed} ms`);
    return result;
  }
}
