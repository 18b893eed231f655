// The registry strategies' Validate / ValidateUpdate for each resource: a list of field errors,
// thrown as one 422 Invalid.
import type { ResourceName } from '../../contract/resources.js';
import type {
  ConfigMap, Deployment, KubeObject, Namespace, Pod, ReplicaSet, Secret, Service,
} from '../../contract/types.js';
import { validateDeployment, validateReplicaSet, validateSelectorUnchanged } from './appsValidation.js';
import { validateConfigMap, validateNamespace, validateSecret } from './configValidation.js';
import type { ErrorList } from './fieldErrors.js';
import { validateObjectMeta } from './metaValidation.js';
import { isDNS1123Subdomain, nameCheck } from './names.js';
import { validatePod } from './podValidation.js';
import { validateService } from './serviceValidation.js';

/**
 * Deviation: a Pod update is validated like a new Pod; the real ValidatePodUpdate also forbids
 * changing anything in the spec but images, activeDeadlineSeconds and tolerations (bindings go
 * through pods/binding there).
 */
export function validateObject(resource: ResourceName, obj: KubeObject, old: KubeObject | undefined): ErrorList {
  switch (resource) {
    case 'pods': return validatePod(obj as Pod);
    case 'deployments': {
      const errs = validateDeployment(obj as Deployment);
      if (old) errs.push(...validateSelectorUnchanged((obj as Deployment).spec?.selector, (old as Deployment).spec?.selector));
      return errs;
    }
    case 'replicasets': {
      const errs = validateReplicaSet(obj as ReplicaSet);
      if (old) errs.push(...validateSelectorUnchanged((obj as ReplicaSet).spec?.selector, (old as ReplicaSet).spec?.selector));
      return errs;
    }
    case 'services': return validateService(obj as Service);
    case 'configmaps': return validateConfigMap(obj as ConfigMap, old as ConfigMap | undefined);
    case 'secrets': return validateSecret(obj as Secret, old as Secret | undefined);
    case 'namespaces': return validateNamespace(obj as Namespace);
    case 'serviceaccounts': case 'endpoints':
      return validateObjectMeta(obj.metadata, nameCheck(isDNS1123Subdomain));
    default:
      // Nodes, Events and EndpointSlices are written by the cluster itself.
      return [];
  }
}
