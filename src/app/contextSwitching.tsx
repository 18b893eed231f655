// Changing cluster at runtime: the dashboard is mounted under a switcher that holds the backend in
// use; the contexts screen asks it for the kubeconfig's contexts and to switch, and the dashboard
// is mounted afresh on the new backend (its own state starts over, as on a fresh start).
import { createContext, useContext, useMemo, useState, type ReactElement } from 'react';
import type { Backend } from '../../backends/contract/backend.js';

/** One row of `kubectl config get-contexts`. */
export interface KubeContextRow {
  name: string;
  cluster: string;
  authInfo: string;
  namespace: string;
  current: boolean;
}

/** Where contexts come from and how a backend is opened on one (live clusters only). */
export interface ContextSwitcher {
  /** The kubeconfig's contexts, read again each time, with `inUse` marked current. */
  contexts(inUse: string): KubeContextRow[] | Promise<KubeContextRow[]>;
  /** A backend on that context; rejects with a message naming the problem. */
  open(name: string): Promise<Backend>;
}

export interface ContextSwitching {
  contexts(): Promise<KubeContextRow[]>;
  /** Resolves once the dashboard runs on the new backend; rejects, changing nothing, when it cannot be opened. */
  switchTo(name: string): Promise<void>;
}

const SwitchingContext = createContext<ContextSwitching | undefined>(undefined);

/** The switcher of the dashboard, or undefined where contexts cannot be switched (the simulator). */
export function useContextSwitching(): ContextSwitching | undefined {
  return useContext(SwitchingContext);
}

export interface SwitchableDashboardProps {
  backend: Backend;
  /** The context `backend` is on. */
  context: string;
  switcher?: ContextSwitcher;
  /** Draws the dashboard on a backend; `switched` is false for the first one. */
  render(backend: Backend, switched: boolean): ReactElement;
}

export function SwitchableDashboard({ backend, context, switcher, render }: SwitchableDashboardProps) {
  const [current, setCurrent] = useState({ backend, context, generation: 0 });
  const switching = useMemo<ContextSwitching | undefined>(() => switcher && {
    contexts: async () => switcher.contexts(current.context),
    switchTo: async (name: string) => {
      const next = await switcher.open(name);
      setCurrent((c) => ({ backend: next, context: name, generation: c.generation + 1 }));
      await current.backend.close();
    },
  }, [switcher, current]);
  return (
    <SwitchingContext.Provider value={switching}>
      <DashboardOn key={current.generation} element={render(current.backend, current.generation > 0)} />
    </SwitchingContext.Provider>
  );
}

/** Keyed by generation so that a switch mounts the dashboard afresh. */
function DashboardOn({ element }: { element: ReactElement }) {
  return element;
}
