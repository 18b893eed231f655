// kubectl-like operations, written once over the Backend contract so the simulator and a live
// cluster run exactly the same code: rollout history / undo / status / restart / pause / resume,
// scale, delete with propagation, describe, and the manifest to re-create a deleted object.
export { rolloutHistory, rolloutHistoryText, type RevisionEntry } from './rolloutHistory.js';
export { rolloutUndo, type UndoResult } from './rolloutUndo.js';
export {
  rolloutStatus, watchRolloutStatus, deploymentRolloutStatus, type RolloutStatus, type WatchRolloutOptions,
} from './rolloutStatus.js';
export { restart, rolloutPause, rolloutResume, RESTARTED_AT_ANNOTATION } from './rolloutControl.js';
export { scale } from './scale.js';
export { deleteObject, type DeleteObjectOptions } from './deleteObject.js';
export { describe } from './describe.js';
export { resourceManifest } from './resourceManifest.js';
export { formatError, KubectlError } from './errors.js';
export { kindGroup, kindGroupName, nameLine } from './names.js';
export { replicaSetsOf, type DeploymentReplicaSets } from './replicaSets.js';
