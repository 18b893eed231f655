// kubectl describe, one describer per kind (describe.go describerMap), generic for the rest.
import type { KubeObject } from '../../../backends/contract/types.js';
import { describeNamespace, describeNode } from './cluster.js';
import { describeConfigMap, describeSecret, describeServiceAccount } from './config.js';
import type { DescribeInput } from './describeInput.js';
import { describeEndpointSlice, describeEndpoints } from './endpoints.js';
import { describeGeneric } from './generic.js';
import { describePod } from './pod.js';
import { describeService } from './service.js';
import { describeDeployment, describeReplicaSet } from './workloads.js';

export {
  describePod, describeReplicaSet, describeDeployment, describeService, describeConfigMap, describeSecret,
  describeNamespace, describeNode, describeEndpoints, describeEndpointSlice, describeServiceAccount, describeGeneric,
};

const DESCRIBERS: Record<string, (input: DescribeInput<never>) => string> = {
  Pod: describePod,
  ReplicaSet: describeReplicaSet,
  Deployment: describeDeployment,
  Service: describeService,
  ConfigMap: describeConfigMap,
  Secret: describeSecret,
  Namespace: describeNamespace,
  Node: describeNode,
  Endpoints: describeEndpoints,
  EndpointSlice: describeEndpointSlice,
  ServiceAccount: describeServiceAccount,
};

/** What `kubectl describe` prints for an object of this kind (`Pod`, `Deployment`, ...). */
export function describeObject(kind: string, input: DescribeInput<KubeObject>): string {
  const describer = DESCRIBERS[kind];
  return describer ? describer(input as DescribeInput<never>) : describeGeneric(input);
}
