/**
 * The part of Observable Plot the browser draws with: the genre explorer's charts (genre-explorer/plot.ts, which
 * takes this module's type, so a chart that uses a function not listed here does not type-check). The client
 * build's Plot is bundled from this module (integrations/prebundle.ts), so it carries these functions and what
 * they need rather than every export of Plot: 246 kB (85 kB gzipped) instead of 383 kB (130 kB). The server renders
 * the report's figures with the whole package.
 */
export { barX, barY, dot, plot, pointerY, rectY, ruleY, tickX, tip } from "@observablehq/plot";
