// The dashboard's view of demo mode: the player's state, redrawn on every change, and the
// traffic rates, read twice a second while a scenario or a traffic stream is on (and only then:
// without demo mode the dashboard draws no extra frames).
import { useEffect, useState } from 'react';
import type { ServiceTraffic } from '../../../backends/sim/network/trafficGenerator.js';
import type { PlayerView } from '../../scenario/scenarioPlayer.js';
import type { ScenarioSession } from '../../scenario/scenarioSession.js';
import type { Scheduler } from '../../store/scheduler.js';

export interface ScenarioState {
  active: boolean;
  view?: PlayerView;
  traffic: ServiceTraffic[];
}

const TRAFFIC_REFRESH_MS = 500;

export function useScenario(session: ScenarioSession | undefined, scheduler: Scheduler): ScenarioState {
  const [, setVersion] = useState(0);
  useEffect(() => session?.subscribe(() => setVersion((v) => v + 1)), [session]);
  const traffic = session?.traffic() ?? [];
  const view = session?.player?.view();
  const active = !!view || traffic.length > 0;
  useEffect(() => {
    if (!active) return;
    let handle = scheduler.after(TRAFFIC_REFRESH_MS, function again() {
      setVersion((v) => v + 1);
      handle = scheduler.after(TRAFFIC_REFRESH_MS, again);
    });
    return () => handle.cancel();
  }, [active, scheduler]);
  return { active, ...(view ? { view } : {}), traffic };
}
