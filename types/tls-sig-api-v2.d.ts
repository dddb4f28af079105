// tls-sig-api-v2 1.0.2 ships no type declarations; these cover what we call.
declare module "tls-sig-api-v2" {
  export class Api {
    constructor(sdkAppId: number, secretKey: string);
    /** A UserSig valid for `expireSeconds` from now. */
    genUserSig(userId: string, expireSeconds: number): string;
    genSig(userId: string, expireSeconds: number, userBuf: Buffer | null): string;
  }
}
