{{/*
Container arguments of a long-running component. Takes (dict "root" $ "component" "api" "values" $values).
*/}}
{{- define "todo-chatbot.args" -}}
{{- $values := .values -}}
{{- if eq .component "api" }}
- api
- --host
- 0.0.0.0
- --port
- {{ $values.containerPort | quote }}
- --workers
- {{ $values.uvicornWorkers | quote }}
{{- else if eq .component "mcp" }}
- mcp
- --host
- 0.0.0.0
- --port
- {{ $values.containerPort | quote }}
{{- else }}
- worker
- {{ .component }}
- --host
- 0.0.0.0
- --port
- {{ $values.containerPort | quote }}
{{- end }}
{{- end -}}

{{/* Whether a component's pods talk to Kafka (through the Dapr sidecar or directly). */}}
{{- define "todo-chatbot.usesKafka" -}}
{{- $root := .root -}}
{{- if and (ne .component "mcp") (or (and $root.Values.dapr.enabled .values.dapr.enabled) (eq $root.Values.config.eventBus "kafka")) -}}true{{- end -}}
{{- end -}}

{{/*
Pod annotations of the Dapr sidecar. Takes (dict "root" $ "values" $values).
*/}}
{{- define "todo-chatbot.daprAnnotations" -}}
{{- $root := .root -}}
{{- $dapr := $root.Values.dapr -}}
dapr.io/enabled: "true"
dapr.io/app-id: {{ .values.dapr.appId | quote }}
dapr.io/app-port: {{ .values.containerPort | quote }}
dapr.io/app-protocol: "http"
dapr.io/enable-app-health-check: "true"
dapr.io/app-health-check-path: "/health"
dapr.io/enable-metrics: "true"
dapr.io/metrics-port: {{ $dapr.metricsPort | quote }}
dapr.io/log-level: {{ $dapr.logLevel | quote }}
dapr.io/log-as-json: "true"
dapr.io/graceful-shutdown-seconds: {{ $dapr.gracefulShutdownSeconds | quote }}
dapr.io/sidecar-cpu-request: {{ $dapr.sidecarResources.requests.cpu | quote }}
dapr.io/sidecar-memory-request: {{ $dapr.sidecarResources.requests.memory | quote }}
dapr.io/sidecar-cpu-limit: {{ $dapr.sidecarResources.limits.cpu | quote }}
dapr.io/sidecar-memory-limit: {{ $dapr.sidecarResources.limits.memory | quote }}
dapr.io/sidecar-seccomp-profile-type: "RuntimeDefault"
dapr.io/disable-builtin-k8s-secret-store: "true"
{{- if $dapr.configuration.enabled }}
dapr.io/config: {{ include "todo-chatbot.fullname" $root | quote }}
{{- end }}
{{- end -}}

{{/*
Deployment of a long-running component. Takes (dict "root" $ "component" "api").
*/}}
{{- define "todo-chatbot.deployment" -}}
{{- $root := .root -}}
{{- $component := .component -}}
{{- $ctx := dict "root" $root "component" $component -}}
{{- $values := include "todo-chatbot.componentValues" $ctx | fromYaml -}}
{{- $usesSecretStore := eq (include "todo-chatbot.usesSecretStore" $ctx) "true" -}}
{{- $usesKafka := eq (include "todo-chatbot.usesKafka" (dict "root" $root "component" $component "values" $values)) "true" -}}
{{- $autoscaling := and (hasKey $values "autoscaling") $values.autoscaling.enabled -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "todo-chatbot.componentName" $ctx }}
  namespace: {{ include "todo-chatbot.namespace" $root }}
  labels:
    {{- include "todo-chatbot.componentLabels" $ctx | nindent 4 }}
  {{- with (include "todo-chatbot.annotations" (dict "root" $root "annotations" (include "todo-chatbot.checkovSkips" (dict "image" $root.Values.image "skipTokenCheck" $usesSecretStore) | fromYaml))) }}
  {{- . | nindent 2 }}
  {{- end }}
spec:
  {{- if not $autoscaling }}
  replicas: {{ $values.replicaCount }}
  {{- end }}
  revisionHistoryLimit: 5
  strategy:
    {{- toYaml $values.updateStrategy | nindent 4 }}
  selector:
    matchLabels:
      {{- include "todo-chatbot.componentSelectorLabels" $ctx | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "todo-chatbot.componentLabels" $ctx | nindent 8 }}
        todo-chatbot.io/database-client: "true"
        {{- if $usesKafka }}
        todo-chatbot.io/kafka-client: "true"
        {{- end }}
        {{- with $values.podLabels }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      annotations:
        checksum/config: {{ include (print $root.Template.BasePath "/configmap.yaml") $root | sha256sum }}
        checksum/secret-values: {{ toYaml $root.Values.secrets | sha256sum }}
        {{- if and $root.Values.dapr.enabled $values.dapr.enabled }}
        {{- include "todo-chatbot.daprAnnotations" (dict "root" $root "values" $values) | nindent 8 }}
        {{- end }}
        {{- with $values.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      serviceAccountName: {{ include "todo-chatbot.serviceAccountName" $ctx }}
      automountServiceAccountToken: {{ $usesSecretStore }}
      enableServiceLinks: false
      {{- with (include "todo-chatbot.imagePullSecrets" $root) }}
      {{- . | nindent 6 }}
      {{- end }}
      securityContext:
        {{- toYaml $root.Values.podSecurityContext | nindent 8 }}
      terminationGracePeriodSeconds: {{ $values.terminationGracePeriodSeconds }}
      {{- with $values.priorityClassName }}
      priorityClassName: {{ . }}
      {{- end }}
      {{- if $values.topologySpread.enabled }}
      topologySpreadConstraints:
        - maxSkew: {{ $values.topologySpread.maxSkew }}
          topologyKey: topology.kubernetes.io/zone
          whenUnsatisfiable: {{ $values.topologySpread.zoneWhenUnsatisfiable }}
          labelSelector:
            matchLabels:
              {{- include "todo-chatbot.componentSelectorLabels" $ctx | nindent 14 }}
        - maxSkew: {{ $values.topologySpread.maxSkew }}
          topologyKey: kubernetes.io/hostname
          whenUnsatisfiable: {{ $values.topologySpread.nodeWhenUnsatisfiable }}
          labelSelector:
            matchLabels:
              {{- include "todo-chatbot.componentSelectorLabels" $ctx | nindent 14 }}
      {{- end }}
      {{- with $values.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $values.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $values.affinity }}
      affinity:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      containers:
        - name: {{ $component }}
          image: {{ include "todo-chatbot.image" $root | quote }}
          imagePullPolicy: {{ $root.Values.image.pullPolicy }}
          command:
            - todo
          args:
            {{- include "todo-chatbot.args" (dict "root" $root "component" $component "values" $values) | trim | nindent 12 }}
          ports:
            - name: http
              containerPort: {{ $values.containerPort }}
              protocol: TCP
          envFrom:
            - configMapRef:
                name: {{ include "todo-chatbot.configMapName" $root }}
            {{- if eq $component "api" }}
            - configMapRef:
                name: {{ include "todo-chatbot.agentConfigMapName" $root }}
            {{- end }}
          env:
            - name: SERVICE_NAME
              value: {{ printf "todo-%s" $component | quote }}
            - name: POD_NAME
              valueFrom:
                fieldRef:
                  fieldPath: metadata.name
            {{- with $values.extraEnv }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
          {{- if $values.startupProbe.enabled }}
          startupProbe:
            {{- include "todo-chatbot.probe" (dict "probe" $values.startupProbe "path" "/health") | nindent 12 }}
          {{- end }}
          {{- if $values.livenessProbe.enabled }}
          livenessProbe:
            {{- include "todo-chatbot.probe" (dict "probe" $values.livenessProbe "path" "/health") | nindent 12 }}
          {{- end }}
          {{- if $values.readinessProbe.enabled }}
          readinessProbe:
            {{- include "todo-chatbot.probe" (dict "probe" $values.readinessProbe "path" "/ready") | nindent 12 }}
          {{- end }}
          {{- if gt (int $values.preStopSleepSeconds) 0 }}
          lifecycle:
            preStop:
              exec:
                command:
                  - python
                  - -c
                  - {{ printf "import time; time.sleep(%d)" (int $values.preStopSleepSeconds) | quote }}
          {{- end }}
          resources:
            {{- toYaml $values.resources | nindent 12 }}
          securityContext:
            {{- toYaml $root.Values.containerSecurityContext | nindent 12 }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
            - name: secrets
              mountPath: {{ $root.Values.secrets.mountPath }}
              readOnly: true
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: {{ $root.Values.tmpVolumeSizeLimit }}
        - name: secrets
          secret:
            secretName: {{ include "todo-chatbot.secretName" $root }}
            defaultMode: 0440
            items:
              {{- include "todo-chatbot.secretItems" $ctx | nindent 14 }}
{{- end -}}

{{/*
ServiceAccount of a component. Takes (dict "root" $ "component" "api").
*/}}
{{- define "todo-chatbot.serviceAccount" -}}
{{- $root := .root -}}
{{- $values := include "todo-chatbot.componentValues" . | fromYaml -}}
{{- if $values.serviceAccount.create }}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "todo-chatbot.serviceAccountName" . }}
  namespace: {{ include "todo-chatbot.namespace" $root }}
  labels:
    {{- include "todo-chatbot.componentLabels" . | nindent 4 }}
  {{- with (include "todo-chatbot.annotations" (dict "root" $root "annotations" $values.serviceAccount.annotations)) }}
  {{- . | nindent 2 }}
  {{- end }}
automountServiceAccountToken: {{ eq (include "todo-chatbot.usesSecretStore" .) "true" }}
{{- end }}
{{- end -}}
