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
