// The dashboard's view of demo mode: the player's state, redrawn on every change, and the
// traffic rates, read twice a second while a scenario or a traffic stream is on.
import { useEffect, useState } from 'react';
import type { ServiceTraffic } from '../../../backends/sim/network/trafficGenerator.js';
import type { PlayerView } from '../../scenario/scenarioPlayer.js';
import type { ScenarioSession } from '../../scenario/scenarioSession.js';
import type { Scheduler } from '../../store/scheduler.js';
import { useTicker } from '../hooks/useTicker.js';

export interface ScenarioState {
  active: boolean;
  view?: PlayerView;
  traffic: ServiceTraffic[];
}

const TRAFFIC_REFRESH_MS = 500;

export function useScenario(session: ScenarioSession | undefined, scheduler: Scheduler): ScenarioState {
  const [, setVersion] = useState(0);
  useEffect(() => session?.subscribe(() => setVersion((v) => v + 1)), [session]);
  useTicker(scheduler, TRAFFIC_REFRESH_MS);
  if (!session) return { active: false, traffic: [] };
  const traffic = session.traffic();
  const view = session.player?.view();
  return { active: !!view || traffic.length > 0, ...(view ? { view } : {}), traffic };
}
