// The manifests of the tutorial's study notes (shared/seed), as files a presenter applies.
export const petclinicPod = `apiVersion: v1
kind: Pod
metadata:
  name: petclinic
  labels:
    app: petclinic
spec:
  containers:
    - name: petclinic
      image: spring2go/spring-petclinic:1.0.0.RELEASE
`;

export const petclinicService = `apiVersion: v1
kind: Service
metadata:
  name: petclinic
spec:
  ports:
    - name: http
      port: 8080
      targetPort: 8080
      nodePort: 31080
  selector:
    app: petclinic
  type: NodePort
`;

/** Lesson 4 as the notes wrote it: extensions/v1beta1, no selector. */
export const petclinicReplicaSetV1beta1 = `apiVersion: extensions/v1beta1
kind: ReplicaSet
metadata:
  name: petclinic
spec:
  replicas: 3
  template:
    metadata:
      labels:
        app: petclinic
    spec:
      containers:
        - name: petclinic
          image: spring2go/spring-petclinic:1.0.0.RELEASE
`;

/** Lesson 4 as apps/v1 needs it: with spec.selector. */
export const petclinicReplicaSet = `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: petclinic
spec:
  replicas: 3
  selector:
    matchLabels:
      app: petclinic
  template:
    metadata:
      labels:
        app: petclinic
    spec:
      containers:
        - name: petclinic
          image: spring2go/spring-petclinic:1.0.0.RELEASE
`;

export function petclinicDeployment(version: '1.0.0' | '1.0.1'): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: petclinic
spec:
  selector:
    matchLabels:
      app: petclinic
  minReadySeconds: 10
  replicas: 3
  template:
    metadata:
      labels:
        app: petclinic
    spec:
      containers:
        - name: petclinic
          image: spring2go/spring-petclinic:${version}.RELEASE
`;
}

/** Lesson 3: one pod per release, told apart by the `version` label. */
export function releasePod(version: '1.0.0' | '1.0.1'): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: petclinic-v${version}
  labels:
    app: petclinic
    version: v${version}
spec:
  containers:
    - name: petclinic
      image: spring2go/spring-petclinic:${version}.RELEASE
`;
}

/** Lesson 3: the Service whose selector's `version` picks the live release. */
export function releaseService(version: '1.0.0' | '1.0.1'): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: petclinic
spec:
  ports:
    - name: http
      port: 8080
      targetPort: 8080
      nodePort: 31080
  selector:
    app: petclinic
    version: v${version}
  type: NodePort
`;
}
