/** One page of a cursor-paginated list. */
export interface Page<T> {
  readonly items: readonly T[];
  /** Opaque; pass it back as `cursor` for the next page. Absent on the last page. */
  readonly nextCursor?: string;
}

export interface PageRequest {
  readonly limit: number;
  readonly cursor?: string;
}

/** What a cursor looks like (base64url, as the stores encode it); one that decodes to no key of the list is a 400. */
export const CURSOR = /^[A-Za-z0-9_-]+$/;
