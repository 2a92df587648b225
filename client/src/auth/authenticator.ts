/** A request as an authenticator sees it, before it is sent. */
export interface OutgoingRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

/** Adds credentials to each attempt of a request (called per attempt, so signatures and tokens stay fresh). */
export interface Authenticator {
  headers(request: OutgoingRequest): Promise<Record<string, string>>;
  /** Drops a cached credential after the API answered 401, so the next attempt fetches a new one. */
  invalidate?(): void;
}
