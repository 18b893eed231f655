// What `kubectl describe` fetches besides the object itself.
import type {
  EndpointSlice, Endpoints, Event, KubeObject, Pod, ReplicaSet,
} from '../../../backends/contract/types.js';

export interface DescribeInput<T = KubeObject> {
  object: T;
  /** Milliseconds since the epoch, for ages. */
  now: number;
  /**
   * Events whose involvedObject is this object. Omitted = not fetched (`--show-events=false`):
   * no Events section. An empty array prints `Events:  <none>` like kubectl.
   */
  events?: Event[];
  /**
   * ReplicaSet: the pods matching its selector (those it controls are counted in `Pods Status:`).
   * Node: the pods bound to it that are not Succeeded/Failed, in every namespace; omitted, the
   * page says `Pods:  not authorized` as kubectl does when it may not list them.
   */
  pods?: Pod[];
  /** Deployment: its current ReplicaSet, if any. */
  newReplicaSet?: ReplicaSet;
  /** Deployment: its other ReplicaSets, in list order. */
  oldReplicaSets?: ReplicaSet[];
  /** Service: the EndpointSlices labelled `kubernetes.io/service-name=<name>`. */
  endpointSlices?: EndpointSlice[];
  /** Service: its Endpoints, used only when no EndpointSlices are given. */
  endpoints?: Endpoints;
  /** Node: its Lease in kube-node-lease (RFC 3339 times). */
  lease?: NodeLease;
}

export interface NodeLease {
  holderIdentity?: string;
  acquireTime?: string;
  renewTime?: string;
}
