import { findPhoneNumbersInText, parsePhoneNumberFromString } from "libphonenumber-js/max";
import { z } from "zod";
import { readJsonFile } from "../config/readJsonFile.js";
import { failWith, listIssues } from "../errors.js";
import type { Directory, PhoneNumber, Region, Schedule, TeamLine, Weekday } from "../types.js";
import { type DirectoryFile, directoryFileSchema } from "./schema.js";

/** Reads, validates and indexes the regional directory. Throws a `StartupError` naming file and field. */
export function loadDirectory(file: string): Directory {
  return parseDirectory(readJsonFile(file), file);
}

/** Validates directory JSON already in memory; `file` is only used in messages. */
export function parseDirectory(json: unknown, file: string): Directory {
  const parsed = directoryFileSchema.safeParse(json);
  if (!parsed.success) failWith(file, [z.prettifyError(parsed.error)]);
  const { directory, problems } = indexDirectory(parsed.data, file);
  if (problems.length > 0) failWith(file, problems);
  return directory;
}

/** A directory as reviewed: what could be indexed of it, and every problem found. */
export interface DirectoryReview {
  /** Undefined when the JSON does not match the schema; else indexed as far as its problems allow. */
  readonly directory: Directory | undefined;
  /** Every problem, one line each naming the field and the fix; none when the directory is valid. */
  readonly problems: readonly string[];
}

/**
 * Reviews directory JSON without failing at the first problem (as `parseDirectory` does at start): every
 * problem, and what could be indexed, so that the flow routing into it can be checked in the same run.
 */
export function reviewDirectory(json: unknown, file: string): DirectoryReview {
  const parsed = directoryFileSchema.safeParse(json);
  if (!parsed.success) return { directory: undefined, problems: listIssues(parsed.error) };
  return indexDirectory(parsed.data, file);
}

/** Indexes a schema-valid directory, with every problem the schema alone cannot see. */
function indexDirectory(data: DirectoryFile, file: string): { directory: Directory; problems: string[] } {
  const problems: string[] = [];
  const schedules = new Map<string, Schedule>();
  for (const [id, s] of Object.entries(data.schedules)) {
    const weekly = (s.weekly ?? []).map((w, i) => {
      const open = toMinutes(w.open);
      const close = toMinutes(w.close);
      if (close <= open) problems.push(`schedules.${id}.weekly[${i}]: close ${w.close} must be after open ${w.open}`);
      return { days: w.days as Weekday[], open, close };
    });
    if (s.source !== undefined && !(s.source in data.sources))
      problems.push(`schedules.${id}.source: "${s.source}" is not a key of sources`);
    schedules.set(id, {
      id,
      always: s.always === true,
      weekly,
      closures: new Set(s.closures.map((c) => c.date)),
      ...(s.assumption ? { assumption: s.assumption } : {}),
    });
  }

  const regions: Region[] = [];
  const regionByInbound = new Map<string, Region>();
  const seenIds = new Set<string>();
  data.regions.forEach((r, ri) => {
    const at = `regions[${ri}] (${r.id})`;
    if (seenIds.has(r.id)) problems.push(`${at}.id: "${r.id}" is used by another region; ids must be unique`);
    seenIds.add(r.id);
    const teams = new Map<string, TeamLine>();
    for (const team of data.teams) {
      const line = resolveLine(data, r, team, schedules, `${at}.teams.${team}`, problems);
      if (line) teams.set(team, line);
    }
    for (const team of Object.keys(r.teams))
      if (!data.teams.includes(team))
        problems.push(`${at}.teams.${team}: unknown team; add it to "teams" or remove it here`);
    const region: Region = {
      id: r.id,
      name: r.name,
      timeZone: r.timeZone,
      inbound: r.inbound,
      teams,
    };
    for (const number of r.inbound) {
      const other = regionByInbound.get(number);
      if (other) problems.push(`${at}.inbound: ${number} is already the inbound number of ${other.id}`);
      regionByInbound.set(number, region);
    }
    regions.push(region);
  });

  if (!seenIds.has(data.unknownRegion.representativeRegion))
    problems.push(
      `unknownRegion.representativeRegion: "${data.unknownRegion.representativeRegion}" is not a region id`,
    );
  const directory: Directory = {
    file,
    teams: data.teams,
    regions,
    regionById: new Map(regions.map((r) => [r.id, r])),
    regionByInbound,
    unknownRegionRepresentative: data.unknownRegion.representativeRegion,
    sources: data.sources,
  };
  return { directory, problems };
}

function resolveLine(
  data: DirectoryFile,
  region: DirectoryFile["regions"][number],
  team: string,
  schedules: ReadonlyMap<string, Schedule>,
  at: string,
  problems: string[],
): TeamLine | undefined {
  const entry = region.teams[team];
  if (!entry) {
    problems.push(`${at}: missing; give its numbers, or routeTo another team with the reason (never invent a number)`);
    return undefined;
  }
  const schedule = (key: string | undefined): Schedule | undefined => {
    if (key === undefined) return undefined;
    const found = schedules.get(key);
    if (!found) problems.push(`${at}.hours: "${key}" is not a key of schedules`);
    return found;
  };
  if ("numbers" in entry) {
    const numbers: PhoneNumber[] = entry.numbers.map((n, i) => {
      if (!(n.source in data.sources))
        problems.push(`${at}.numbers[${i}].source: "${n.source}" is not a key of sources`);
      const quoted = numbersIn(n.quote, n.number);
      if (!quoted.includes(n.number))
        problems.push(
          `${at}.numbers[${i}].quote: does not give ${n.number} (it gives ${quoted.join(", ") || "no valid phone number"}); quote the source's own words`,
        );
      return {
        e164: n.number,
        source: n.source,
        ...(n.needsVerification ? { needsVerification: n.needsVerification } : {}),
      };
    });
    const hours = schedule(entry.hours);
    return hours ? { team, numbers, hours } : undefined;
  }
  const target = region.teams[entry.routeTo];
  if (!target || !("numbers" in target)) {
    problems.push(`${at}.routeTo: "${entry.routeTo}" must be a team of this region that has numbers of its own`);
    return undefined;
  }
  const targetLine = resolveLine(data, region, entry.routeTo, schedules, at.replace(/[^.]+$/, entry.routeTo), []);
  const hours = entry.hours === undefined ? targetLine?.hours : schedule(entry.hours);
  if (!targetLine || !hours) return undefined;
  return { team, numbers: targetLine.numbers, routedVia: entry.routeTo, hours };
}

/** The valid phone numbers written in a quote, in E.164; national numbers are read in the country of `e164`. */
function numbersIn(quote: string, e164: string): string[] {
  const country = parsePhoneNumberFromString(e164)?.country;
  return findPhoneNumbersInText(quote, country ? { defaultCountry: country } : {}).map((found) => found.number.number);
}

function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}
