/** A session store operation that did not settle within its deadline. */
export class StoreTimeoutError extends Error {
  constructor(
    readonly operation: string,
    readonly ms: number,
  ) {
    super(`session store ${operation} took longer than ${ms} ms`);
    this.name = "StoreTimeoutError";
  }
}

/**
 * Rejects with a `StoreTimeoutError` when `work` has not settled within `ms`, so a hung store cannot
 * outlast Twilio's 15 s timeout.
 * (One promise and one timer per store operation: the cheapest form, as it runs twice on every turn.)
 */
export function withDeadline<T>(work: Promise<T>, ms: number, operation: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new StoreTimeoutError(operation, ms)), ms);
    Promise.resolve(work).then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
