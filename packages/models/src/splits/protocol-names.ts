/** The evaluation protocols: how the rows are dealt to train, validation and test (see experiments/protocols.ts). */
export const PROTOCOLS = ["seed-random", "track-grouped", "recording-grouped"] as const;
export type ProtocolName = (typeof PROTOCOLS)[number];
