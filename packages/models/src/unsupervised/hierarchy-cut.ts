import type { Linkage } from "./ward-linkage.ts";

/**
 * Flat labels from a dendrogram cut into `nClusters` clusters: sklearn's `_hc_cut`, reproduced to the label
 * numbering. Starting from the root, the cluster with the largest id (the latest merge) is split into its two
 * children, nClusters − 1 times, on a Python `heapq` of negated ids; the clusters left are numbered in the
 * heap's array order, which is why `heapq`'s exact sift rules are copied below.
 */
export function cutTree(linkage: Linkage, nClusters: number): Int32Array {
  const { nLeaves: n, children } = linkage;
  if (!Number.isInteger(nClusters) || nClusters < 1 || nClusters > n) {
    throw new RangeError(`nClusters must be in [1, ${n}], got ${nClusters}`);
  }
  const heap: number[] = [
    -(Math.max(children[2 * (n - 2)] as number, children[2 * (n - 2) + 1] as number) + 1),
  ];
  for (let c = 0; c < nClusters - 1; c++) {
    const node = -(heap[0] as number) - n;
    heappush(heap, -(children[2 * node] as number));
    heappushpop(heap, -(children[2 * node + 1] as number));
  }
  const labels = new Int32Array(n);
  heap.forEach((negated, label) => {
    const stack = [-negated];
    while (stack.length > 0) {
      const id = stack.pop() as number;
      if (id < n) labels[id] = label;
      else stack.push(children[2 * (id - n)] as number, children[2 * (id - n) + 1] as number);
    }
  });
  return labels;
}

// Python's heapq (a min-heap on a list), line for line.
function heappush(heap: number[], item: number): void {
  heap.push(item);
  siftDown(heap, 0, heap.length - 1);
}

function heappushpop(heap: number[], item: number): number {
  if (heap.length > 0 && (heap[0] as number) < item) {
    const top = heap[0] as number;
    heap[0] = item;
    siftUp(heap, 0);
    return top;
  }
  return item;
}

function siftDown(heap: number[], start: number, pos: number): void {
  const item = heap[pos] as number;
  while (pos > start) {
    const parentPos = (pos - 1) >> 1;
    const parent = heap[parentPos] as number;
    if (item < parent) {
      heap[pos] = parent;
      pos = parentPos;
      continue;
    }
    break;
  }
  heap[pos] = item;
}

function siftUp(heap: number[], pos: number): void {
  const end = heap.length;
  const start = pos;
  const item = heap[pos] as number;
  let child = 2 * pos + 1;
  while (child < end) {
    const right = child + 1;
    if (right < end && !((heap[child] as number) < (heap[right] as number))) child = right;
    heap[pos] = heap[child] as number;
    pos = child;
    child = 2 * pos + 1;
  }
  heap[pos] = item;
  siftDown(heap, start, pos);
}
