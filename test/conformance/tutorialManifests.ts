// The tutorial's manifests the conformance suite applies with kubectl, beyond those in
// test/helpers (petclinic Pod, Service, ReplicaSet, Deployment, the lesson 3 releases; mysql).

/** Lesson 8: the ConfigMap the Deployment reads its environment from. */
export function petclinicConfig(name: string, value: string): string {
  return `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
data:
  TEST_CONFIG: ${value}
`;
}

/** Lessons 6 and 8: petclinic talking to mysql by its Service name, configured by a ConfigMap. */
export function petclinicWithConfig(configName: string): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: petclinic
spec:
  replicas: 1
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
          env:
            - name: DATASOURCE_URL
              value: jdbc:mysql://mysql/petclinic
          envFrom:
            - configMapRef:
                name: ${configName}
`;
}

/** Lesson 9: a Secret written with stringData and one with base64 data. */
export const mysqlSecrets = `apiVersion: v1
kind: Secret
metadata:
  name: mysql-credentials
stringData:
  username: root
  password: petclinic
---
apiVersion: v1
kind: Secret
metadata:
  name: mysql-root
data:
  password: cm9vdA==
`;
