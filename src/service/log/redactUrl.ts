/**
 * A URL fit for a log line: its password (and only that) replaced by `***`, e.g.
 * `redis://:hunter2@10.0.0.5:6379` → `redis://:***@10.0.0.5:6379`. A value that is not a URL is withheld.
 */
export function redactUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "(not a URL)";
  }
  if (url.password !== "") url.password = "***";
  return url.toString();
}
