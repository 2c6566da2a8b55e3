/**
 * Repair benchmark (npm run bench runs it last; BENCH_SKIP=repair skips it): in consistent
 * generated reports of every layout and both formats, k = 1, 2, 3 cells changed at random; prints
 * the share of changes the repair names exactly (its unique cheapest repair is the change, back to
 * the true values), the shares that are ambiguous, not identifiable (a cheaper repair exists) or hit
 * the search bound, and the repair time (median, p99). BENCH_REPAIR_N sets the reports per k.
 */
import { LAYOUTS, seeded } from '../test/unit/reportGen';
import { plantErrors, judge, repairPlanted, type Outcome } from '../test/unit/repairGen';

export function benchRepair(n = Number(process.env.BENCH_REPAIR_N ?? 400)): void {
  console.log('\n# repair (error localisation)');
  const rand = seeded(20261201);
  const pct = (x: number, of: number) => `${((100 * x) / of).toFixed(1)}%`.padStart(6);
  for (const k of [1, 2, 3]) {
    const counts: Record<Outcome, number> = { exact: 0, ambiguous: 0, smaller: 0, limit: 0, wrong: 0 };
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const p = plantErrors(i % 2 ? '2019' : '2021', rand, k, LAYOUTS[i % LAYOUTS.length]);
      const { result, ms, plantedCost } = repairPlanted(p);
      times.push(ms);
      counts[judge(p, result, plantedCost).outcome]++;
    }
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(3);
    console.log(
      `k=${k}: named exactly ${pct(counts.exact, n)}, ambiguous ${pct(counts.ambiguous, n)}, not identifiable ${pct(counts.smaller, n)}, ` +
        `bound hit ${pct(counts.limit, n)}, wrong ${pct(counts.wrong, n)}; repair time median ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${times[times.length - 1].toFixed(3)} ms (${n} reports)`,
    );
  }
}

if (!(process.env.BENCH_SKIP ?? '').split(',').includes('repair')) benchRepair();
