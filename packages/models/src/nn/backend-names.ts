/** The TensorFlow.js backends the networks can train on, fastest first (see backend.ts). */
export const BACKEND_NAMES = ["node-gpu", "node", "wasm", "cpu"] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];
