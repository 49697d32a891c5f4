/** One request of a pool: what autocannon sends, already signed. */
export interface PooledRequest {
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}
