import { OTHER_LANGUAGE } from "../../contract/optionIdentity.js";
import { isTeamOpen, pickPersonTeam, serviceRegionOf } from "../../directory/queryDirectory.js";
import type { CallContext, MachineEvent, Notice, RegionId, TeamId } from "../../types.js";
import { type OfferUpdate, offerCallback } from "./callbackOffer.js";
import type { MachineDeps } from "./deps.js";

type Update<P = undefined> = (context: CallContext, event: MachineEvent, params: P) => Partial<CallContext>;

/**
 * How each step of a call changes its context: pure functions of (context, event, params), which the
 * machine applies with `assign`. Counting rules: `failures` counts failed answers in a row in one menu
 * (reset by any choice), `menuTurns` every menu answer of the call that did not leave the menus.
 */
export function createContextUpdates(deps: MachineDeps) {
  const { flow, directory, menus } = deps;
  const regionOf = (context: CallContext): RegionId => serviceRegionOf(directory, context.region);
  const failed = (context: CallContext, notice: Notice) => ({
    failures: context.failures + 1,
    menuTurns: context.menuTurns + 1,
    prompt: "short" as const,
    notices: [notice],
  });
  return {
    /** Every handled event: the clock moves, last turn's notices are spoken already, the greeting is over. */
    stamp: ((context, event) => ({
      now: event.now,
      notices: [],
      greet: false,
      prompt: "full",
      ...(context.offer ? { offer: null } : {}),
    })) satisfies Update,
    enterMenu: ((_context, _event, params) => ({ menu: params.menu })) satisfies Update<{ menu: string }>,
    noteInvalid: ((context) => failed(context, { kind: "invalid" })) satisfies Update,
    noteNoInput: ((context) => failed(context, { kind: "noInput" })) satisfies Update,
    /** The chosen team is closed: say its hours and the options of this menu open now; the caller stays. */
    noteClosed: ((context, event, params) => {
      const region = regionOf(context);
      const open = (menus.get(context.menu)?.options ?? [])
        .filter(
          (o) =>
            o.languages.includes(context.language) &&
            o.action.kind === "transfer" &&
            isTeamOpen(directory, region, o.action.team, event.now),
        )
        .map((o) => o.key);
      const callback = offerCallback(deps, region, params.team, event.now);
      return {
        failures: 0,
        menuTurns: context.menuTurns + 1,
        prompt: "short",
        notices: [{ kind: "closed", team: params.team, region, open }, ...callback.notices],
        ...(callback.offer ? { offer: callback.offer } : {}),
      };
    }) satisfies Update<{ team: TeamId }>,
    repeatMenu: ((context) => ({ failures: 0, menuTurns: context.menuTurns + 1 })) satisfies Update,
    setLanguage: ((context, _event, params) => ({
      language: params.language,
      failures: 0,
      menuTurns: context.menuTurns + 1,
    })) satisfies Update<{ language: string }>,
    setRegion: ((context, _event, params) => ({
      region: params.region,
      failures: 0,
      menuTurns: context.menuTurns + 1,
    })) satisfies Update<{ region: RegionId }>,
    /**
     * The caller asked for an interpreter: in the language they chose (which the rest of the call speaks),
     * or `other` for a language the line does not list (the caller's language stays).
     */
    askInterpreter: ((context, _event, params) => ({
      interpreter: params.language ?? OTHER_LANGUAGE,
      language: params.language ?? context.language,
      failures: 0,
    })) satisfies Update<{ language?: string }>,
    /** The interpreters' team is closed: the caller hears its hours and the team open now (a menu answer). */
    noteInterpreterClosed: ((context, event) => {
      const callback = offerCallback(deps, regionOf(context), flow.interpreters.team, event.now);
      return {
        menuTurns: context.menuTurns + 1,
        prompt: "full",
        notices: callback.notices,
        ...(callback.offer ? { offer: callback.offer } : {}),
      };
    }) satisfies Update,
    startTransfer: ((context, _event, params) => ({
      failures: 0,
      transfer: {
        team: params.team,
        region: regionOf(context),
        attempt: 0,
        ...(params.announce ? { announce: params.announce } : {}),
        ...withInterpreter(context),
      },
    })) satisfies Update<{ team: TeamId; announce?: string }>,
    /** Too many failures or menu turns: a person takes the call (the representative, or the team open when closed). */
    escalate: ((context) => {
      const region = regionOf(context);
      const team = pickPersonTeam(directory, flow.representative, region, context.now);
      return {
        failures: 0,
        menuTurns: 0,
        notices: [...context.notices, { kind: "escalate", team }],
        transfer: { team, region, attempt: 0, ...withInterpreter(context) },
      };
    }) satisfies Update,
    tryNextNumber: ((context) => ({
      failedTransfers: context.failedTransfers + 1,
      transfer: context.transfer && {
        team: context.transfer.team,
        region: context.transfer.region,
        attempt: context.transfer.attempt + 1,
        ...withInterpreter(context),
      },
    })) satisfies Update,
    /** Every number of the team failed: say so, and offer a call-back when the team has them (not on a call-back). */
    noteUnreachable: ((context, event, params) => {
      const t = context.transfer;
      const callback =
        t && params.offer && !context.callback ? offerCallback(deps, t.region, t.team, event.now, true) : undefined;
      return {
        failedTransfers: context.failedTransfers + 1,
        failures: 0,
        prompt: "full",
        notices: t ? [{ kind: "unreachable", team: t.team }, ...(callback?.notices ?? [])] : [],
        ...(callback?.offer ? { offer: callback.offer } : {}),
        transfer: null,
      };
    }) satisfies Update<{ offer: boolean }>,
    /** An interpreter call's transfer failed: no notice, the interpreter menu says the line is not available. */
    noteInterpreterUnreachable: ((context, event) => ({
      failedTransfers: context.failedTransfers + 1,
      failures: 0,
      prompt: "full",
      transfer: null,
      ...offerOnce(
        context.callback ? undefined : offerCallback(deps, regionOf(context), flow.interpreters.team, event.now, true),
      ),
    })) satisfies Update,
  };
}

/** The transfer's `interpreter`, when the caller asked for one. */
function withInterpreter(context: CallContext): { interpreter?: string } {
  return context.interpreter === null ? {} : { interpreter: context.interpreter };
}

/** The notices and offer of a call-back offer, the offer only when there is one (none: no notice either). */
function offerOnce(
  callback: OfferUpdate | undefined,
): Pick<CallContext, "notices"> & Partial<Pick<CallContext, "offer">> {
  return { notices: callback?.notices ?? [], ...(callback?.offer ? { offer: callback.offer } : {}) };
}
