{{/*
Names: the release's prefix is kept short so that "<prefix>-sync-worker-<site code of 32>-db-rw" stays a DNS label.
*/}}
{{- define "sitesync.fullname" -}}
{{- if contains "sitesync" .Release.Name -}}
{{- .Release.Name | trunc 20 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-sitesync" .Release.Name | trunc 20 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "sitesync.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
The ports each service really listens on (application.properties; HelmChartCodeTest holds them to the manifests
quarkus-kubernetes generates). inbound-gateway serves health and metrics on its management port only.
*/}}
{{- define "sitesync.components" -}}
identity-service: {key: identity, port: 8081}
ownership-service: {key: ownership, port: 8082}
inbound-gateway: {key: inboundGateway, port: 8080, managementPort: 9080}
commerce-guard: {key: commerceGuard, port: 8085}
sync-worker: {key: syncWorker, port: 8090}
console: {key: console, port: 8086}
{{- end -}}

{{- define "sitesync.port" -}}
{{- $c := get (include "sitesync.components" .root | fromYaml) .component -}}
{{- $c.port -}}
{{- end -}}

{{/* http://<fullname>-<component>:<port>, the in-cluster URL of a service */}}
{{- define "sitesync.url" -}}
{{- printf "http://%s-%s:%s" (include "sitesync.fullname" .root) .component (include "sitesync.port" .) -}}
{{- end -}}

{{/* Selector labels never change after the first install: name, instance, component, and a worker's site. */}}
{{- define "sitesync.selectorLabels" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- if .site }}
sitesync.io/site: {{ .site }}
{{- end }}
{{- end -}}

{{- define "sitesync.labels" -}}
{{ include "sitesync.selectorLabels" . }}
app.kubernetes.io/part-of: sitesync
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ include "sitesync.chart" .root }}
{{- end -}}

{{/* A service's values: serviceDefaults overlaid with its own block. */}}
{{- define "sitesync.serviceValues" -}}
{{- $c := get (include "sitesync.components" .root | fromYaml) .component -}}
{{- mergeOverwrite (deepCopy .root.Values.serviceDefaults) (deepCopy (get .root.Values $c.key)) | toYaml -}}
{{- end -}}

{{/* A site's worker values: syncWorker overlaid with what the site overrides. */}}
{{- define "sitesync.siteValues" -}}
{{- $overrides := pick .siteValues "replicaCount" "resources" "autoscaling" "podDisruptionBudget" "podAnnotations" "podLabels" "nodeSelector" "tolerations" "priorityClassName" "extraEnv" -}}
{{- mergeOverwrite (deepCopy .root.Values.syncWorker) (deepCopy $overrides) | toYaml -}}
{{- end -}}

{{/* Sites that are rendered: present and not `enabled: false`. */}}
{{- define "sitesync.enabledSites" -}}
{{- $enabled := dict -}}
{{- range $code, $site := .Values.sites -}}
{{- if and $site (ne (toString $site.enabled) "false") -}}
{{- $_ := set $enabled $code $site -}}
{{- end -}}
{{- end -}}
{{- $enabled | toYaml -}}
{{- end -}}

{{- define "sitesync.image" -}}
{{- $tag := default .root.Chart.AppVersion .root.Values.image.tag -}}
{{- printf "%s/%s:%s" .root.Values.image.registry .repository $tag -}}
{{- end -}}

{{/* The database a component uses: external (values) or its CloudNativePG Cluster (<name>-db). */}}
{{- define "sitesync.databaseEnv" -}}
{{- $db := .database -}}
{{- $host := $db.host -}}
{{- $secret := $db.existingSecret -}}
{{- $userKey := $db.usernameKey -}}
{{- $passwordKey := $db.passwordKey -}}
{{- if eq .root.Values.postgresql.mode "cnpg" -}}
{{- $host = printf "%s-db-rw" .name -}}
{{- $secret = printf "%s-db-app" .name -}}
{{- $userKey = "username" -}}
{{- $passwordKey = "password" -}}
{{- else if not (and $host $secret) -}}
{{- fail (printf "%s: postgresql.mode is external, so its database needs host and existingSecret" .name) -}}
{{- end -}}
- name: QUARKUS_DATASOURCE_JDBC_URL
  value: {{ printf "jdbc:postgresql://%s:%v/%s" $host $db.port $db.name | quote }}
{{- if .reactive }}
- name: QUARKUS_DATASOURCE_REACTIVE_URL
  value: {{ printf "postgresql://%s:%v/%s" $host $db.port $db.name | quote }}
{{- end }}
- name: QUARKUS_DATASOURCE_USERNAME
  valueFrom:
    secretKeyRef: {name: {{ $secret }}, key: {{ $userKey }}}
- name: QUARKUS_DATASOURCE_PASSWORD
  valueFrom:
    secretKeyRef: {name: {{ $secret }}, key: {{ $passwordKey }}}
{{- end -}}

{{/* An EnvVar from one key of a Secret. */}}
{{- define "sitesync.secretEnv" -}}
name: {{ .name }}
valueFrom:
  secretKeyRef: {name: {{ .secret }}, key: {{ .key }}}
{{- end -}}

{{/* The variables every service gets (issuer, audience, log format) and its database's, as a YAML list. */}}
{{- define "sitesync.commonEnv" -}}
{{ include "sitesync.oidcEnv" .root }}
{{ include "sitesync.databaseEnv" . }}
{{- end -}}

{{- define "sitesync.oidcEnv" -}}
- name: QUARKUS_OIDC_AUTH_SERVER_URL
  value: {{ .Values.oidc.issuerUrl | quote }}
- name: QUARKUS_OIDC_TOKEN_AUDIENCE
  value: {{ .Values.oidc.audience | quote }}
- name: SITESYNC_LOG_JSON
  value: {{ .Values.jsonLogs | quote }}
{{- end -}}

{{/* Secret-free environment names in values (extraEnv): a plain value or a reference, never a secret value. */}}
{{- define "sitesync.extraEnv" -}}
{{- range . }}
- name: {{ .name }}
{{- if .secretKeyRef }}
  valueFrom:
    secretKeyRef: {name: {{ .secretKeyRef.name }}, key: {{ .secretKeyRef.key }}}
{{- else }}
  value: {{ .value | quote }}
{{- end }}
{{- end }}
{{- end -}}

{{/*
Pod Security Standards "restricted": non-root, no privilege escalation, no capabilities, RuntimeDefault seccomp,
read-only root filesystem (the JVM and Vert.x write only to /tmp, an emptyDir).
*/}}
{{- define "sitesync.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 185
runAsGroup: 185
fsGroup: 185
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "sitesync.containerSecurityContext" -}}
runAsNonRoot: true
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
privileged: false
capabilities:
  drop: [ALL]
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "sitesync.topologySpread" -}}
{{- $selector := include "sitesync.selectorLabels" . | fromYaml -}}
- maxSkew: {{ .root.Values.topologySpread.maxSkew }}
  topologyKey: topology.kubernetes.io/zone
  whenUnsatisfiable: ScheduleAnyway
  labelSelector:
    matchLabels: {{- toYaml $selector | nindent 6 }}
- maxSkew: {{ .root.Values.topologySpread.maxSkew }}
  topologyKey: kubernetes.io/hostname
  whenUnsatisfiable: ScheduleAnyway
  labelSelector:
    matchLabels: {{- toYaml $selector | nindent 6 }}
{{- end -}}

{{/*
One workload: ServiceAccount, Service, Deployment, and HorizontalPodAutoscaler and PodDisruptionBudget when they apply.
Context: root, name, component, site, values (replicas, resources, autoscaling, ...), env (YAML list), volumes and
volumeMounts (YAML lists), annotations (pod annotations, e.g. a config checksum), hpaMetrics (YAML list).
env is a list of EnvVar dicts: its own variables, then the service's extraEnv.
*/}}
{{- define "sitesync.workload" -}}
{{- $v := .values -}}
{{- $c := get (include "sitesync.components" .root | fromYaml) .component -}}
{{- $healthPort := ternary "management" "http" (hasKey $c "managementPort") -}}
{{- $minReplicas := ternary $v.autoscaling.minReplicas $v.replicaCount $v.autoscaling.enabled | int -}}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ .name }}
  labels: {{- include "sitesync.labels" . | nindent 4 }}
automountServiceAccountToken: false
---
apiVersion: v1
kind: Service
metadata:
  name: {{ .name }}
  labels: {{- include "sitesync.labels" . | nindent 4 }}
spec:
  type: ClusterIP
  selector: {{- include "sitesync.selectorLabels" . | nindent 4 }}
  ports:
    - name: http
      port: {{ $c.port }}
      targetPort: http
      protocol: TCP
{{- if hasKey $c "managementPort" }}
    - name: management
      port: {{ $c.managementPort }}
      targetPort: management
      protocol: TCP
{{- end }}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .name }}
  labels: {{- include "sitesync.labels" . | nindent 4 }}
spec:
{{- if not $v.autoscaling.enabled }}
  replicas: {{ $v.replicaCount }}
{{- end }}
  revisionHistoryLimit: 5
  selector:
    matchLabels: {{- include "sitesync.selectorLabels" . | nindent 6 }}
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
  template:
    metadata:
      labels:
        {{- include "sitesync.labels" . | nindent 8 }}
        {{- with $v.podLabels }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      annotations:
        kubectl.kubernetes.io/default-container: {{ .component }}
        {{- with .annotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
        {{- with $v.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      serviceAccountName: {{ .name }}
      automountServiceAccountToken: false
      {{- with .root.Values.imagePullSecrets }}
      imagePullSecrets:
        {{- range . }}
        - name: {{ . }}
        {{- end }}
      {{- end }}
      {{- with $v.priorityClassName }}
      priorityClassName: {{ . }}
      {{- end }}
      securityContext: {{- include "sitesync.podSecurityContext" . | nindent 8 }}
      terminationGracePeriodSeconds: 30
      {{- if .root.Values.topologySpread.enabled }}
      topologySpreadConstraints: {{- include "sitesync.topologySpread" . | nindent 8 }}
      {{- end }}
      {{- with $v.nodeSelector }}
      nodeSelector: {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $v.tolerations }}
      tolerations: {{- toYaml . | nindent 8 }}
      {{- end }}
      containers:
        - name: {{ .component }}
          image: {{ include "sitesync.image" (dict "root" .root "repository" $v.image.repository) }}
          imagePullPolicy: {{ .root.Values.image.pullPolicy }}
          securityContext: {{- include "sitesync.containerSecurityContext" . | nindent 12 }}
          ports:
            - name: http
              containerPort: {{ $c.port }}
              protocol: TCP
            {{- if hasKey $c "managementPort" }}
            - name: management
              containerPort: {{ $c.managementPort }}
              protocol: TCP
            {{- end }}
          env:
            {{- toYaml .env | nindent 12 }}
            {{- with $v.extraEnv }}
            {{- include "sitesync.extraEnv" . | nindent 12 }}
            {{- end }}
          # Quarkus answers started once the application is up; the JVM may take a minute on a busy node.
          startupProbe:
            httpGet: {path: /q/health/started, port: {{ $healthPort }}}
            periodSeconds: 5
            timeoutSeconds: 3
            failureThreshold: 36
          readinessProbe:
            httpGet: {path: /q/health/ready, port: {{ $healthPort }}}
            periodSeconds: 10
            timeoutSeconds: 3
            failureThreshold: 3
          livenessProbe:
            httpGet: {path: /q/health/live, port: {{ $healthPort }}}
            periodSeconds: 20
            timeoutSeconds: 3
            failureThreshold: 3
          resources: {{- toYaml $v.resources | nindent 12 }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
            {{- with .volumeMounts }}
            {{- . | nindent 12 }}
            {{- end }}
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: 256Mi
        {{- with .volumes }}
        {{- . | nindent 8 }}
        {{- end }}
{{- if $v.autoscaling.enabled }}
{{- if gt (int $v.autoscaling.minReplicas) (int $v.autoscaling.maxReplicas) }}
{{- fail (printf "%s: autoscaling.minReplicas (%v) is above maxReplicas (%v)" .name $v.autoscaling.minReplicas $v.autoscaling.maxReplicas) }}
{{- end }}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ .name }}
  labels: {{- include "sitesync.labels" . | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ .name }}
  minReplicas: {{ $v.autoscaling.minReplicas }}
  maxReplicas: {{ $v.autoscaling.maxReplicas }}
  metrics: {{- .hpaMetrics | nindent 4 }}
  behavior:
    scaleUp:
      stabilizationWindowSeconds: 0
      policies:
        - {type: Pods, value: 2, periodSeconds: 60}
    scaleDown:
      stabilizationWindowSeconds: {{ $v.autoscaling.scaleDownStabilizationSeconds }}
      policies:
        - {type: Pods, value: 1, periodSeconds: 120}
{{- end }}
{{- if gt $minReplicas 1 }}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ .name }}
  labels: {{- include "sitesync.labels" . | nindent 4 }}
spec:
  maxUnavailable: {{ $v.podDisruptionBudget.maxUnavailable }}
  selector:
    matchLabels: {{- include "sitesync.selectorLabels" . | nindent 6 }}
{{- end }}
{{- end -}}

{{- define "sitesync.cpuMetrics" -}}
- type: Resource
  resource:
    name: cpu
    target:
      type: Utilization
      averageUtilization: {{ .targetCPUUtilizationPercentage }}
{{- range .customMetrics }}
- type: Pods
  pods:
    metric:
      name: {{ .name }}
    target:
      type: AverageValue
      averageValue: {{ .averageValue | quote }}
{{- end }}
{{- end -}}

{{/* Any site's worker, {site} standing for its code: the gateway and the workers resolve peers through it. */}}
{{- define "sitesync.workerUrlTemplate" -}}
{{- printf "http://%s-sync-worker-{site}:%s" (include "sitesync.fullname" .) (include "sitesync.port" (dict "root" . "component" "sync-worker")) -}}
{{- end -}}

{{/* An egress rule to addresses (any address when none given) or a namespace, on the given TCP ports. */}}
{{- define "sitesync.egressTo" -}}
{{- if or .cidrs .namespaceLabels }}
to:
  {{- range .cidrs }}
  - ipBlock: {cidr: {{ . }}}
  {{- end }}
  {{- with .namespaceLabels }}
  - namespaceSelector:
      matchLabels: {{- toYaml . | nindent 8 }}
  {{- end }}
{{- end }}
ports:
  {{- range .ports }}
  - {protocol: TCP, port: {{ . }}}
  {{- end }}
{{- end -}}

{{/* Egress to a component's database: its CloudNativePG Cluster's pods, or the external servers. */}}
{{- define "sitesync.databaseEgress" -}}
{{- if eq .root.Values.postgresql.mode "cnpg" -}}
to:
  - podSelector:
      matchLabels:
        cnpg.io/cluster: {{ .name }}-db
ports:
  - {protocol: TCP, port: 5432}
{{- else -}}
{{- include "sitesync.egressTo" (dict "cidrs" .root.Values.networkPolicy.database.cidrs "ports" .root.Values.networkPolicy.database.ports) }}
{{- end -}}
{{- end -}}
