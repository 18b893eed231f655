// How kubectl names an object in its one-line outputs (cli-runtime NamePrinter and delete's
// printer): `deployment.apps/web rolled back`, `pod "web" deleted`.
import { RESOURCES, type ResourceName } from '../../backends/contract/resources.js';

/** `deployment.apps` for non-core groups, `pod` for the core group. */
export function kindGroup(resource: ResourceName): string {
  const r = RESOURCES[resource];
  const kind = r.kind.toLowerCase();
  return r.group ? `${kind}.${r.group}` : kind;
}

/** `deployment.apps/web`: the NamePrinter's object name. */
export function kindGroupName(resource: ResourceName, name: string): string {
  return `${kindGroup(resource)}/${name}`;
}

/** `deployment.apps/web scaled`. */
export function nameLine(resource: ResourceName, name: string, operation: string): string {
  return `${kindGroupName(resource, name)} ${operation}`;
}
