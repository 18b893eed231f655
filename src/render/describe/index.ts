import type { KubeObject } from '../../../backends/contract/types.js';
import type { DescribeInput } from './describeInput.js';

export function describeGeneric(input: DescribeInput): string { return `Name:\t${input.object.metadata?.name ?? ''}\n`; }
export function describeObject(_kind: string, input: DescribeInput<KubeObject>): string { return describeGeneric(input); }
export const describePod = describeGeneric as (input: DescribeInput<never>) => string;
export const describeReplicaSet = describePod, describeDeployment = describePod, describeService = describePod,
  describeConfigMap = describePod, describeSecret = describePod, describeNamespace = describePod,
  describeNode = describePod, describeEndpoints = describePod, describeEndpointSlice = describePod,
  describeServiceAccount = describePod;
