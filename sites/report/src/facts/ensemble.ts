import type { EnsembleResult } from "@spotiflies/models/results";
import { modelResult } from "../data/models.ts";
import { decColumn, textColumn } from "../figures/columns.ts";
import type { DataTable } from "../figures/types.ts";
import { HEADLINE, PROTOCOLS, type Protocol, protocolName, type Task, taskName } from "./models.ts";

/** How the report names the vote's members mid-sentence. */
export const MEMBER_NAMES: Record<string, string> = {
  "random-forest": "forest",
  "gradient-boosting": "boosted trees",
  "neural-network": "network",
  "random-forest-genre-summed": "114-genre forest",
  "gradient-boosting-genre-summed": "114-genre boosted trees",
};

const memberName = (model: string) => {
  const name = MEMBER_NAMES[model];
  if (!name) throw new Error(`The report has no name for the ensemble member ${model}.`);
  return name;
};

type Vote = EnsembleResult["evaluations"][number];

/** "forest 0.3, boosted trees 0.7" (members with weight 0 left out). */
export function weightsText(vote: Vote): string {
  return vote.members
    .filter((m) => m.weight > 0)
    .map((m) => `${memberName(m.model)} ${m.weight.toFixed(1)}`)
    .join(", ");
}

/** Facts of the soft vote (ensemble.json). */
export function ensembleFacts() {
  const result = modelResult("ensemble");
  const on = (protocol: Protocol, task: Task): Vote => {
    const found = result.evaluations.find((e) => e.protocol.protocol === protocol && e.task === task);
    if (!found) throw new Error(`ensemble.json has no ${task} vote on the ${protocol} protocol.`);
    return found;
  };
  const best = (vote: Vote) => {
    const member = vote.members.find((m) => m.model === vote.bestMember);
    if (!member)
      throw new Error(`ensemble.json names ${vote.bestMember} as best member but lists no such member.`);
    return { name: memberName(member.model), accuracy: member.testAccuracy };
  };
  const votes = PROTOCOLS.flatMap((protocol) =>
    (["super-genre", "genre"] as const).map((task) => on(protocol, task)),
  );
  const headline = on(HEADLINE, "super-genre");
  const headlineGenre = on(HEADLINE, "genre");
  const genres = headlineGenre.test.confusion.length;
  return {
    result,
    /** What a full stack on the genres would fit: a weight per member, genre and genre, and a bias per genre. */
    stackInputs: { genre: (headlineGenre.members.length * genres + 1) * genres },
    seedStack: on("seed-random", "super-genre").stack,
    headline,
    headlineGenre,
    best,
    /** Votes (protocol × task) that beat their best member on the test rows. */
    wins: votes.filter((v) => v.beatsBestMember).length,
    /** Stacks that beat the vote of the same members, and their best member, on the test rows. */
    stackBeatsVote: votes.filter((v) => v.stack.beatsVote).length,
    stackWins: votes.filter((v) => v.stack.beatsBestMember).length,
    votes: votes.length,
    /** Each task's members (the same on every protocol) and how many weight vectors its vote searched. */
    members: {
      superGenre: headline.members.map((m) => memberName(m.model)),
      genre: headlineGenre.members.map((m) => memberName(m.model)),
    },
    combinations: { superGenre: headline.combinations, genre: headlineGenre.combinations },
  };
}

/** Every vote: its weights, its test accuracy, the stack's and its best member's. */
export function ensembleTable(): DataTable {
  const { result, best } = ensembleFacts();
  return {
    columns: [
      textColumn("protocol", "split"),
      textColumn("task", "predicting"),
      textColumn("weights", "weights (chosen on validation rows)"),
      decColumn("accuracy", "vote's test accuracy", 3),
      decColumn("stack", "stack's test accuracy", 3),
      textColumn("best", "best single member"),
      decColumn("bestAccuracy", "its test accuracy", 3),
      decColumn("gain", "vote − best member", 3),
    ],
    rows: result.evaluations.map((v) => {
      const top = best(v);
      return {
        protocol: protocolName(v.protocol.protocol),
        task: taskName(v.task),
        weights: weightsText(v),
        accuracy: v.test.accuracy,
        stack: v.stack.test.accuracy,
        best: top.name,
        bestAccuracy: top.accuracy,
        gain: v.test.accuracy - top.accuracy,
      };
    }),
  };
}
