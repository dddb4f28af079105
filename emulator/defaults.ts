/**
 * The emulator's named values: what it answers for unless told otherwise, and
 * its fixed limits. The package's `pulumi-tencent-chat/emulator` entry exports
 * every one of them; the CLI's help and the options read them from here.
 */

/** The SDKAppID the emulator answers for unless told otherwise. */
export const DEFAULT_SDK_APP_ID = 1400000000;
/** The app admin (the URL's `identifier`, the provider's `tencentchat:identifier`) whose UserSig every call must carry. */
export const DEFAULT_IDENTIFIER = "administrator";
/** A deliberately fake key so a demo needs no Tencent account; never use it for a real app. */
export const DEFAULT_SECRET_KEY = "emulator-demo-secret-key-not-a-real-tencent-key";
/** The CLI's default port; `startEmulator` defaults to 0 (any free port). */
export const DEFAULT_CLI_PORT = 8787;
/** The interface it listens on: loopback only, so nothing outside this machine can call it. */
export const DEFAULT_HOST = "127.0.0.1";
/** Live official accounts the app may hold before create answers 130010. */
export const DEFAULT_ACCOUNT_QUOTA = 10000;
/** The vendor's trial plan: 5 official accounts (130010 past that); the CLI's `--account-quota trial`. */
export const TRIAL_ACCOUNT_QUOTA = 5;
/** Request bodies above this are refused (60003) without being parsed. */
export const MAX_BODY_BYTES = 1024 * 1024;
