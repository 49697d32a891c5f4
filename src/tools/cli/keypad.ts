import { once } from "node:events";
import { createInterface } from "node:readline";
import type { Caller } from "../emulator/index.js";

const CTRL_C = "\u0003";
const CTRL_D = "\u0004";

/**
 * The interactive caller: the terminal's keyboard is the keypad. At each prompt, a key 0-9 * # is
 * pressed at once, Enter stays silent, `s` asks for a phrase to say, Ctrl-C (or Ctrl-D) hangs up.
 * `stdin` must be a TTY; prompts go to `out`.
 */
export function createKeypadCaller(stdin: NodeJS.ReadStream, out: NodeJS.WritableStream): Caller {
  let hinted = false;
  return async (gather) => {
    if (!hinted) {
      out.write("  (your turn: 0-9 * # press a key · Enter stay silent · s say something · Ctrl-C hang up)\n");
      hinted = true;
    }
    for (;;) {
      out.write(`  ${gather.speech ? "press, speak or wait" : "press or wait"} › `);
      const key = await readKey(stdin);
      out.write("\r\u001b[2K");
      if (/^[0-9*#]$/.test(key)) return { kind: "press", digits: key };
      if (key === "\r" || key === "\n") return { kind: "silence" };
      if (key === CTRL_C || key === CTRL_D) return { kind: "hangup" };
      if (key === "s" || key === "S") {
        const text = await readPhrase(stdin, out);
        if (text === null) return { kind: "hangup" };
        if (text.trim() === "") return { kind: "silence" };
        return { kind: "say", text: text.trim() };
      }
      // Anything else is not on a phone: ask again.
    }
  };
}

/** Waits for one keypress in raw mode. */
async function readKey(stdin: NodeJS.ReadStream): Promise<string> {
  stdin.setRawMode(true);
  stdin.resume();
  try {
    const [chunk] = (await once(stdin, "data")) as [Buffer | string];
    const text = String(chunk);
    // An escape sequence (arrow keys and the like) is one key that is none of ours.
    return text.startsWith("\u001b") ? "\u001b" : text.charAt(0);
  } finally {
    stdin.setRawMode(false);
    stdin.pause();
  }
}

/** Reads a line to say; null when the caller hangs up (Ctrl-C or end of input). */
function readPhrase(stdin: NodeJS.ReadStream, out: NodeJS.WritableStream): Promise<string | null> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: stdin, output: out, terminal: true });
    let answered = false;
    rl.on("SIGINT", () => {
      answered = true;
      rl.close();
      resolve(null);
    });
    rl.on("close", () => {
      if (!answered) resolve(null);
    });
    rl.question("  say › ", (text) => {
      answered = true;
      rl.close();
      // The typed line stays on screen; the transcript prints it as said.
      out.write("\u001b[1A\r\u001b[2K");
      resolve(text);
    });
  });
}
