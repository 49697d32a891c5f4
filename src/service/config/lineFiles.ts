/**
 * The line's files, relative to the working directory, when `FLOW_FILE` and `DIRECTORY_FILE` do not say
 * otherwise: the flow the machine is compiled from and the regional directory.
 */
export const LINE_FILES = { flow: "flows/member-line.json", directory: "data/directory.json" } as const;
