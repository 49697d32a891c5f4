import { type FSWatcher, watch } from "node:fs";
import { basename, dirname } from "node:path";

/**
 * Calls `onChange` (once per burst of writes, after `settleMs`) when one of the files changes. Watches
 * their folders, so an editor that saves by writing a new file and renaming it is seen too.
 * Returns a function that stops watching.
 */
export function watchLineFiles(files: readonly string[], onChange: () => void, settleMs = 150): () => void {
  let timer: NodeJS.Timeout | undefined;
  const names = new Map<string, Set<string>>();
  for (const file of files) {
    const folder = dirname(file);
    names.set(folder, (names.get(folder) ?? new Set()).add(basename(file)));
  }
  const watchers: FSWatcher[] = [...names].map(([folder, watched]) =>
    watch(folder, (_event, name) => {
      if (name !== null && !watched.has(name.toString())) return;
      clearTimeout(timer);
      timer = setTimeout(onChange, settleMs);
    }),
  );
  return () => {
    clearTimeout(timer);
    for (const w of watchers) w.close();
  };
}
