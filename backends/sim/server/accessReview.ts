// `kubectl auth can-i`: a SelfSubjectAccessReview. The served simulator has no authentication
// and no authorization (it listens on loopback only), so every request is allowed, and the
// review says so.
import type { KubeObject } from '../../contract/types.js';

export const ACCESS_REVIEW_PATH = '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews';

export function accessReview(request: KubeObject): unknown {
  return {
    kind: 'SelfSubjectAccessReview', apiVersion: 'authorization.k8s.io/v1',
    metadata: { creationTimestamp: null },
    spec: (request as { spec?: unknown }).spec ?? {},
    status: { allowed: true, reason: 'kdash serves the simulator without authentication or authorization' },
  };
}
