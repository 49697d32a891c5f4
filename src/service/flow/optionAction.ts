import type { RegionId } from "../types.js";
import type { FlowAction } from "./schema.js";

/** What a compiled option does: a flow action, or (in the region menu) choosing a region. */
export type OptionAction = FlowAction | { readonly kind: "region"; readonly region: RegionId };
