import type { MachineEvent, PersistedCall, RegionId } from "../../service/index.js";
import { applyEvent, assertNever, isTeamOpen, serviceRegionOf, startCall } from "../../service/index.js";
import type { Heard, LineRunner } from "./runJourney.js";

/**
 * A runner whose states forget the clock, so that journeys followed at different instants share their
 * steps wherever the teams that matter are open alike.
 *
 * The machine reads the clock only through the directory's hours, at each event, for the region that
 * serves the call (every region while the caller may still choose one: the region is unknown, or the call
 * is in a menu of regions). A step is therefore the same at two instants at which those regions have the
 * same teams open: it is computed once, keyed by the event without its clock and by the teams open. The
 * clock a state keeps (the time of its last event) is set to 0: every event brings its own. Documents are
 * `runner`'s (they never read the clock), with the same words in the same voices as one array for every
 * runner sharing `spoken`: runners of two versions of a line tell what callers hear apart by identity.
 * `runner`'s own steps are not used.
 */
export function createClockFreeRunner(
  runner: LineRunner,
  spoken: Map<string, readonly string[]> = new Map(),
): LineRunner {
  const { callFlow } = runner.line;
  const { directory } = callFlow;
  const interned = new Map<string, PersistedCall>();
  const steps = new WeakMap<PersistedCall, Map<string, PersistedCall>>();
  const firsts = new Map<string, PersistedCall>();
  const heard = new WeakMap<PersistedCall, Heard>();
  const openAt = new Map<number, { readonly byRegion: ReadonlyMap<RegionId, number>; readonly all: number }>();
  const sets = new Map<string, number>();
  /** A short name for a set of open teams, the same for the same set. */
  const nameSet = (teams: string) => {
    let id = sets.get(teams);
    if (id === undefined) {
      id = sets.size;
      sets.set(teams, id);
    }
    return id;
  };
  /** Which teams are open at `at` in each region, and in all of them, named once per instant. */
  const teamsOpen = (at: number) => {
    let known = openAt.get(at);
    if (!known) {
      const open = directory.regions.map(
        (r) => [r.id, directory.teams.filter((team) => isTeamOpen(directory, r.id, team, at)).join(",")] as const,
      );
      known = {
        byRegion: new Map(open.map(([r, teams]) => [r, nameSet(`${r}:${teams}`)])),
        all: nameSet(open.map(([r, teams]) => `${r}:${teams}`).join("|")),
      };
      openAt.set(at, known);
    }
    return known;
  };
  /** What of the clock a step from `call` can read: the teams open in the regions that may serve it. */
  const clockOf = (region: RegionId | null, menu: string | null, at: number) => {
    const open = teamsOpen(at);
    if (region === null || (menu !== null && callFlow.menus.get(menu)?.kind === "regions")) return open.all;
    return open.byRegion.get(serviceRegionOf(directory, region)) ?? -1;
  };
  const forget = (call: PersistedCall): PersistedCall => {
    const timeless = call.context.now === 0 ? call : { ...call, context: { ...call.context, now: 0 } };
    const key = JSON.stringify(timeless);
    const known = interned.get(key);
    if (known) return known;
    interned.set(key, timeless);
    return timeless;
  };

  return {
    line: runner.line,
    first: (start, language) => {
      const key = `${start.region}|${language ?? ""}|${clockOf(start.region, null, start.at)}`;
      let call = firsts.get(key);
      if (!call) {
        call = forget(
          startCall(callFlow, { region: start.region, now: start.at, ...(language === undefined ? {} : { language }) }),
        );
        firsts.set(key, call);
      }
      return call;
    },
    step: (call, event) => {
      let next = steps.get(call);
      if (!next) {
        next = new Map();
        steps.set(call, next);
      }
      const key = `${describeEvent(event)}|${clockOf(call.context.region, call.value, event.now)}`;
      let to = next.get(key);
      if (!to) {
        to = forget(applyEvent(callFlow, call, event));
        next.set(key, to);
      }
      return to;
    },
    hear: (call) => {
      let known = heard.get(call);
      if (!known) {
        const document = runner.hear(call);
        const key = JSON.stringify([document.says, document.voices]);
        const says = spoken.get(key) ?? document.says;
        spoken.set(key, says);
        known = { ...document, says };
        heard.set(call, known);
      }
      return known;
    },
  };
}

/** An event without its clock, as a key. */
function describeEvent(event: MachineEvent): string {
  switch (event.type) {
    case "CHOSE":
      return `${event.type}:${event.option}:${event.via}`;
    case "DIAL_RESULT":
      return `${event.type}:${event.status}`;
    case "KEYED":
      return `${event.type}:${event.digits}`;
    case "NUMBER":
      return `${event.type}:${event.valid}`;
    case "INVALID":
    case "SILENCE":
    case "CALLBACK":
      return event.type;
    default:
      return assertNever(event);
  }
}
