/** One Server-Sent Event of the console, as a test reads it. */
export interface StreamedEvent {
  readonly id: number;
  readonly type: string;
  readonly data: Record<string, unknown>;
}

/**
 * Reads a console stream's Server-Sent Events (`url`: a call's events, or the call-backs') as they come,
 * until `until` says stop or 10 s pass; `text` is everything read, to search for what must never be sent.
 */
export async function readEvents(
  url: string,
  until: (events: StreamedEvent[]) => boolean,
): Promise<{ events: StreamedEvent[]; text: string }> {
  const controller = new AbortController();
  const res = await fetch(url, { signal: controller.signal });
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const events: StreamedEvent[] = [];
  let buffer = "";
  let text = "";
  const deadline = Date.now() + 10_000;
  while (!until(events) && Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    const chunk = decoder.decode(value, { stream: true });
    text += chunk;
    buffer += chunk;
    const blocks = buffer.split("\n\n");
    buffer = blocks.pop() ?? "";
    for (const block of blocks) {
      const field = (name: string) =>
        block
          .split("\n")
          .find((l) => l.startsWith(`${name}: `))
          ?.slice(name.length + 2);
      const type = field("event");
      if (type) events.push({ id: Number(field("id")), type, data: JSON.parse(field("data") ?? "null") });
    }
  }
  controller.abort();
  return { events, text };
}
