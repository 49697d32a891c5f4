import { and, assign, setup } from "xstate";
import { isOpenAt } from "../directory/hours.js";
import type { CallContext, CallInput, Directory, FlowEvent, Notice, RegionId, TeamId } from "../types.js";
import { type CompiledMenu, type CompiledOption, compileMenus } from "./compileMenus.js";
import { matchOption } from "./matchOption.js";
import type { FlowFile } from "./schema.js";

/** Names of the machine's states that are not menus. */
export const TRANSFER = "transfer";
export const ENDED = "ended";
export const GOODBYE = "goodbye";
const START = "start";

/** A flow compiled against the directory: the XState machine and the menus it matches input against. */
export interface CallFlow {
  readonly flow: FlowFile;
  readonly directory: Directory;
  readonly menus: ReadonlyMap<string, CompiledMenu>;
  readonly machine: CallMachine;
}

/** The call-flow machine type. */
export type CallMachine = ReturnType<typeof buildMachine>;

/**
 * Compiles a validated flow into an XState machine, once at start. The machine decides everything
 * (menus, failures, which team, hours); the clock comes in on each event, so it stays pure.
 */
export function compileFlow(flow: FlowFile, directory: Directory): CallFlow {
  const menus = compileMenus(flow, directory);
  return { flow, directory, menus, machine: buildMachine(flow, directory, menus) };
}

function buildMachine(flow: FlowFile, directory: Directory, menus: ReadonlyMap<string, CompiledMenu>) {
  const { maxFailures, maxMenuTurns, maxFailedTransfers } = flow.limits;
  const minConfidence = flow.speech.minConfidence;
  // Per event, the option it chose in the menu and language it was matched in: the guards of one
  // transition share it. The menu and language are part of the key, since the same event object may be
  // sent to another state (a retried turn, a graph traversal) where it means something else.
  const matched = new WeakMap<FlowEvent, { menu: string; language: string; option: CompiledOption | null }>();

  const regionOf = (context: CallContext): RegionId => context.region ?? directory.unknownRegionRepresentative;
  const lineOf = (region: RegionId, team: TeamId) => directory.regionById.get(region)?.teams.get(team);
  const isOpen = (region: RegionId, team: TeamId, at: number): boolean => {
    const zone = directory.regionById.get(region)?.timeZone;
    const line = lineOf(region, team);
    return line !== undefined && zone !== undefined && isOpenAt(line.hours, zone, at);
  };
  const choose = (context: CallContext, event: FlowEvent): CompiledOption | null => {
    const cached = matched.get(event);
    if (cached && cached.menu === context.menu && cached.language === context.language) return cached.option;
    const menu = menus.get(context.menu);
    const option = (menu && matchOption(menu, context.language, event, minConfidence)) ?? null;
    matched.set(event, { menu: context.menu, language: context.language, option });
    return option;
  };
  const escalationTeam = (context: CallContext): TeamId =>
    isOpen(regionOf(context), flow.representative.team, context.now)
      ? flow.representative.team
      : flow.representative.whenClosed;

  const machineSetup = setup({
    types: {
      context: {} as CallContext,
      events: {} as FlowEvent,
      input: {} as CallInput,
    },
    guards: {
      regionKnown: ({ context }) => context.region !== null,
      chose: ({ context, event }, params: { menu: string; option: number; label: string }) =>
        choose(context, event)?.index === params.option,
      closed: ({ context, event }, params: { team: TeamId }) => !isOpen(regionOf(context), params.team, event.at),
      failuresExhausted: ({ context }) => context.failures >= maxFailures,
      menuTurnsExhausted: ({ context }) => context.menuTurns >= maxMenuTurns,
      connected: ({ event }) =>
        event.type === "DIAL_RESULT" && (event.status === "completed" || event.status === "answered"),
      hasNextNumber: ({ context }) => {
        const t = context.transfer;
        const line = t && lineOf(t.region, t.team);
        return !!t && !!line && t.attempt + 1 < line.numbers.length && context.failedTransfers + 1 < maxFailedTransfers;
      },
      transfersExhausted: ({ context }) => context.failedTransfers + 1 >= maxFailedTransfers,
      returnsTo: ({ context }, params: { menu: string }) => context.menu === params.menu,
    },
    actions: {
      stamp: assign(({ event }) => ({ now: event.at, notices: [] as Notice[], greet: false, prompt: "full" as const })),
      enterMenu: assign((_, params: { menu: string }) => ({ menu: params.menu })),
      noteInvalid: assign(({ context }) => ({
        failures: context.failures + 1,
        menuTurns: context.menuTurns + 1,
        prompt: "short" as const,
        notices: [{ kind: "invalid" } as const],
      })),
      noteNoInput: assign(({ context }) => ({
        failures: context.failures + 1,
        menuTurns: context.menuTurns + 1,
        prompt: "short" as const,
        notices: [{ kind: "noInput" } as const],
      })),
      noteClosed: assign(({ context, event }, params: { team: TeamId }) => {
        const region = regionOf(context);
        const menu = menus.get(context.menu);
        const open = (menu?.options ?? [])
          .filter(
            (o) =>
              o.languages.includes(context.language) &&
              "transfer" in o.action &&
              isOpen(region, o.action.transfer, event.at),
          )
          .map((o) => o.key);
        return {
          failures: 0,
          menuTurns: context.menuTurns + 1,
          prompt: "short" as const,
          notices: [{ kind: "closed", team: params.team, region, open } as const],
        };
      }),
      repeatMenu: assign(({ context }) => ({ failures: 0, menuTurns: context.menuTurns + 1 })),
      setLanguage: assign(({ context }, params: { language: string }) => ({
        language: params.language,
        failures: 0,
        menuTurns: context.menuTurns + 1,
      })),
      setRegion: assign(({ context }, params: { region: RegionId }) => ({
        region: params.region,
        failures: 0,
        menuTurns: context.menuTurns + 1,
      })),
      startTransfer: assign(({ context }, params: { team: TeamId; announce?: string }) => ({
        failures: 0,
        transfer: {
          team: params.team,
          region: regionOf(context),
          attempt: 0,
          ...(params.announce ? { announce: params.announce } : {}),
        },
      })),
      escalate: assign(({ context }) => {
        const team = escalationTeam(context);
        return {
          failures: 0,
          menuTurns: 0,
          notices: [...context.notices, { kind: "escalate", team } as const],
          transfer: { team, region: regionOf(context), attempt: 0 },
        };
      }),
      tryNextNumber: assign(({ context }) => ({
        failedTransfers: context.failedTransfers + 1,
        transfer: context.transfer && {
          ...context.transfer,
          attempt: context.transfer.attempt + 1,
          announce: undefined,
        },
      })),
      noteUnreachable: assign(({ context }) => ({
        failedTransfers: context.failedTransfers + 1,
        failures: 0,
        prompt: "full" as const,
        notices: context.transfer ? [{ kind: "unreachable", team: context.transfer.team } as const] : [],
        transfer: null,
      })),
    },
  });

  const menuState = (id: string, menu: CompiledMenu) => {
    const self = { target: id, reenter: true } as const;
    const choices = menu.options.flatMap((option): Array<Record<string, unknown>> => {
      const chose = { type: "chose", params: { menu: id, option: option.index, label: option.label } } as const;
      const a = option.action;
      if ("transfer" in a)
        return [
          {
            guard: and([chose, { type: "closed", params: { team: a.transfer } }]),
            ...self,
            actions: ["stamp", { type: "noteClosed", params: { team: a.transfer } }],
          },
          {
            guard: chose,
            target: TRANSFER,
            actions: [
              "stamp",
              { type: "startTransfer", params: { team: a.transfer, ...(a.announce ? { announce: a.announce } : {}) } },
            ],
          },
        ];
      if ("menu" in a) return [{ guard: chose, target: a.menu, actions: ["stamp", { type: "repeatMenu" }] }];
      if ("language" in a)
        return [
          { guard: chose, ...self, actions: ["stamp", { type: "setLanguage", params: { language: a.language } }] },
        ];
      if ("region" in a)
        return [
          { guard: chose, target: flow.start, actions: ["stamp", { type: "setRegion", params: { region: a.region } }] },
        ];
      return [{ guard: chose, ...self, actions: ["stamp", "repeatMenu"] }];
    });
    const answer = [...choices, { ...self, actions: ["stamp", "noteInvalid"] }];
    return {
      entry: { type: "enterMenu", params: { menu: id } },
      always: [
        { guard: "failuresExhausted", target: TRANSFER, actions: "escalate" },
        { guard: "menuTurnsExhausted", target: TRANSFER, actions: "escalate" },
      ],
      on: { KEY: answer, SPEECH: answer, SILENCE: { ...self, actions: ["stamp", "noteNoInput"] } },
    };
  };

  const menuIds = [...menus.keys()];
  const states: Record<string, unknown> = {
    [START]: { always: [{ guard: "regionKnown", target: flow.start }, { target: flow.regionMenu }] },
    ...Object.fromEntries([...menus].map(([id, menu]) => [id, menuState(id, menu)])),
    [TRANSFER]: {
      on: {
        DIAL_RESULT: [
          { guard: "connected", target: ENDED, actions: "stamp" },
          { guard: "hasNextNumber", target: TRANSFER, reenter: true, actions: ["stamp", "tryNextNumber"] },
          { guard: "transfersExhausted", target: GOODBYE, actions: ["stamp", "noteUnreachable"] },
          ...menuIds.map((menu) => ({
            guard: { type: "returnsTo", params: { menu } },
            target: menu,
            actions: ["stamp", "noteUnreachable"],
          })),
        ],
      },
    },
    [ENDED]: { type: "final" },
    [GOODBYE]: { type: "final" },
  };

  return machineSetup.createMachine({
    id: flow.id,
    initial: START,
    context: ({ input }) => ({
      region: input.region,
      language: input.language ?? flow.defaultLanguage,
      failures: 0,
      menuTurns: 0,
      failedTransfers: 0,
      menu: input.region === null ? flow.regionMenu : flow.start,
      prompt: "full",
      greet: input.resumed !== true,
      notices: [...(input.notices ?? [])],
      transfer: null,
      now: input.at,
    }),
    // Generated from the flow file: its shape is checked by the flow schema, not by TypeScript.
    states: states as never,
  });
}
