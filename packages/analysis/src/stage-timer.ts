export interface StageTiming {
  stage: string;
  seconds: number;
  detail: string;
}

/** Times pipeline stages and reports each as it finishes; the clock is injectable for tests. */
export function stageTimer(log: (line: string) => void, now: () => number = () => performance.now()) {
  const stages: StageTiming[] = [];
  const started = now();
  return {
    stages,
    async run<T>(stage: string, work: () => Promise<T>, describe: (result: T) => string): Promise<T> {
      const start = now();
      log(`analysis ▸ ${stage} …`);
      const result = await work();
      const seconds = (now() - start) / 1000;
      const detail = describe(result);
      stages.push({ stage, seconds, detail });
      log(`analysis ▸ ${stage}: ${detail} (${seconds.toFixed(2)} s)`);
      return result;
    },
    totalSeconds: () => (now() - started) / 1000,
  };
}
