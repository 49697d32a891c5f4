import { z } from "zod";

/** A camelCase identifier, as flows and the directory name teams, menus, regions and schedules. */
export const idSchema = z.string().regex(/^[a-z][a-zA-Z0-9]*$/, "must be a camelCase identifier, e.g. memberServices");
