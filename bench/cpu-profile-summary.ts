/**
 * `tsx bench/cpu-profile-summary.ts <file.cpuprofile> [top] [skipMs]`: where a `--cpu-prof` profile's
 * time went, as self time by package (or `src/<folder>`) and by function, and inclusive time by
 * function, leaving out the first `skipMs` (start-up: module loading and compiling).
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topArgument, skipArgument] = process.argv.slice(2);
if (!file) throw new Error('usage: cpu-profile-summary.ts <file.cpuprofile> [top] [skipMs]');
const top = Number(topArgument ?? 25);
const skipUs = Number(skipArgument ?? 0) * 1000;
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const selfUs = new Map<number, number>();
let elapsedUs = 0;
profile.samples.forEach((id, index) => {
  elapsedUs += profile.timeDeltas[index] ?? 0;
  if (elapsedUs >= skipUs) selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
});
const label = ({ callFrame }: ProfileNode) =>
  `${callFrame.functionName || '(anonymous)'} ${callFrame.url.replace(/^.*\/(node_modules|src)\//, '$1/')}:${callFrame.lineNumber + 1}`;

function area(url: string): string {
  if (url === '') return '(native/vm)';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1]!;
  const source = /\/(src|bench)\/([^/]+)\//.exec(url);
  if (source) return `${source[1]}/${source[2]}`;
  if (url.startsWith('node:')) return url.split('/')[0]!;
  return url;
}

const functions = new Map<string, number>();
const areas = new Map<string, number>();
let total = 0;
for (const [id, us] of selfUs) {
  const { callFrame } = byId.get(id)!;
  const name = label(byId.get(id)!);
  functions.set(name, (functions.get(name) ?? 0) + us);
  areas.set(area(callFrame.url), (areas.get(area(callFrame.url)) ?? 0) + us);
  total += us;
}
const idle = [...selfUs].filter(([id]) => byId.get(id)!.callFrame.functionName === '(idle)').reduce((sum, [, us]) => sum + us, 0);
const busy = total - idle;
const show = (rows: Map<string, number>) =>
  [...rows]
    .filter(([name]) => !name.startsWith('(idle)'))
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .forEach(([name, us]) =>
      console.log(`${(us / 1000).toFixed(0).padStart(8)} ms ${((100 * us) / busy).toFixed(1).padStart(5)}%  ${name}`),
    );
console.log(`${file}: ${(busy / 1000).toFixed(0)} ms busy of ${(total / 1000).toFixed(0)} ms`);
console.log('-- by area (self time)');
show(areas);
console.log('-- by function (self time)');
show(functions);
const inclusive = new Map<string, number>();
for (const [id, us] of selfUs) {
  const seen = new Set<string>();
  for (let node: number | undefined = id; node !== undefined; node = parent.get(node)) seen.add(label(byId.get(node)!));
  for (const name of seen) inclusive.set(name, (inclusive.get(name) ?? 0) + us);
}
for (const root of ['(root)', '(program)', '(garbage collector)'])
  inclusive.delete([...inclusive.keys()].find((name) => name.startsWith(root)) ?? '');
console.log('-- by function (inclusive time)');
show(inclusive);
