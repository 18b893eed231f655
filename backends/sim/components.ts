// The components a default simulator runs, in start order: admission first (it guards every
// write) and the network model (its allocators admit Services), then the objects of a fresh
// cluster, then the controllers and node agents.
import type { Component } from './context.js';
import { admission } from './admission/index.js';
import { freshCluster } from './cluster/freshCluster.js';
import { namespaceController } from './controllers/namespaceController.js';
import { garbageCollector } from './controllers/garbageCollector.js';
import { replicaSetController } from './controllers/replicaSetController.js';
import { deploymentController } from './controllers/deploymentController.js';
import { scheduler } from './kubelet/scheduler.js';
import { kubelet } from './kubelet/kubelet.js';
import { network } from './network/index.js';

export const DEFAULT_COMPONENTS: Component[] = [
  admission,
  network,
  freshCluster,
  namespaceController,
  garbageCollector,
  replicaSetController,
  deploymentController,
  scheduler,
  kubelet,
];
