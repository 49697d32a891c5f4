import { isConnected } from "../../contract/dialStatus.js";
import { findLine, hasNumberAfter, isTeamOpen, serviceRegionOf } from "../../directory/queryDirectory.js";
import type { CallContext, MachineEvent, TeamId } from "../../types.js";
import type { MachineDeps } from "./deps.js";

interface GuardArgs {
  readonly context: CallContext;
  readonly event: MachineEvent;
}

/** The machine's conditions. Each reads the context, the event and the directory; none has effects. */
export function createGuards({ flow, directory }: MachineDeps) {
  const { maxFailures, maxMenuTurns, maxFailedTransfers } = flow.limits;
  const choseOption = (event: MachineEvent, option: number) => event.type === "CHOSE" && event.option === option;
  const isClosed = (context: CallContext, event: MachineEvent, team: TeamId) =>
    !isTeamOpen(directory, serviceRegionOf(directory, context.region), team, event.now);
  return {
    /** The dialed number told the caller's region. */
    regionKnown: ({ context }: GuardArgs) => context.region !== null,
    /** The caller chose this option (by its index in the menu). */
    chose: ({ event }: GuardArgs, params: { option: number }) => choseOption(event, params.option),
    /** The team's line in the caller's region is closed at the event's time. */
    closed: ({ context, event }: GuardArgs, params: { team: TeamId }) => isClosed(context, event, params.team),
    /** The caller chose this option, and the team's line in their region is closed at the event's time. */
    choseWhileClosed: ({ context, event }: GuardArgs, params: { option: number; team: TeamId }) =>
      choseOption(event, params.option) && isClosed(context, event, params.team),
    failuresExhausted: ({ context }: GuardArgs) => context.failures >= maxFailures,
    menuTurnsExhausted: ({ context }: GuardArgs) => context.menuTurns >= maxMenuTurns,
    /** The transfer was answered. */
    connected: ({ event }: GuardArgs) => event.type === "DIAL_RESULT" && isConnected(event.status),
    /** The failed transfer's line has another number, and the call has failed transfers to spare. */
    hasNextNumber: ({ context }: GuardArgs) => {
      const t = context.transfer;
      const line = t && findLine(directory, t.region, t.team);
      return !!t && !!line && hasNumberAfter(line, t.attempt) && context.failedTransfers + 1 < maxFailedTransfers;
    },
    transfersExhausted: ({ context }: GuardArgs) => context.failedTransfers + 1 >= maxFailedTransfers,
    /** The caller asked for an interpreter: a failed transfer goes to the interpreter menu, in their language. */
    interpreterCall: ({ context }: GuardArgs) => context.interpreter !== null,
    /** A failed transfer goes back to the menu the caller chose it in. */
    returnsTo: ({ context }: GuardArgs, params: { menu: string }) => context.menu === params.menu,
    /** The caller pressed the call-back key while a call-back was offered. */
    takesOffer: ({ context, event }: GuardArgs) => event.type === "CALLBACK" && !!context.offer,
    /** The call-back key was pressed while one was offered, by a caller whose number is (`known`) or is not known. */
    offerTo: ({ context, event }: GuardArgs, params: { known: boolean }) =>
      event.type === "CALLBACK" && !!context.offer && (context.callerKnown !== false) === params.known,
    /** The caller pressed this key where a call-back asks for one. */
    keyed: ({ event }: GuardArgs, params: { key: string }) => event.type === "KEYED" && event.digits === params.key,
    /** The number keyed in is one the line may call back, sealed at the edge. */
    numberValid: ({ event }: GuardArgs) => event.type === "NUMBER" && event.valid && event.sealed !== undefined,
    /**
     * A call the line placed to return a call-back, at its start: a language chosen later starts the menus over,
     * not the greeting.
     */
    placedCallback: ({ context }: GuardArgs) => context.callback?.job !== undefined && context.menuTurns === 0,
  };
}
