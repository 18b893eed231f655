// `npm run bench`: prints the machine once, then one JSON line per figure.
import { machine } from './machine.js';
import { benchLive } from './liveBench.js';
import { benchRollout1000, benchTenThousandPods, benchWatchFanout } from './simBench.js';
import { benchEndpointsRecompute, benchRequests } from './networkBench.js';
import { benchDashboard } from './dashboardBench.js';
import { benchSnapshots } from './snapshotBench.js';
import { benchServeList, benchServeWatchLatency } from './serveBench.js';
import { benchScenarios, benchTrafficPanel } from './scenarioBench.js';
import { benchXray } from './xrayBench.js';

console.log(JSON.stringify(machine()));
const only = process.argv[2];
const benches: Record<string, () => void | Promise<void>> = {
  live: benchLive,
  sim_10k: benchTenThousandPods,
  sim_rollout: benchRollout1000,
  sim_watch: benchWatchFanout,
  sim_endpoints: benchEndpointsRecompute,
  sim_requests: benchRequests,
  dashboard_ui: benchDashboard,
  snapshot: benchSnapshots,
  serve_list: benchServeList,
  serve_watch: benchServeWatchLatency,
  scenario: benchScenarios,
  scenario_traffic: benchTrafficPanel,
  dashboard_xray: benchXray,
};
for (const [name, run] of Object.entries(benches)) {
  if (only && !name.startsWith(only)) continue;
  await run();
}
