{{/*
Names
*/}}
{{- define "todo-chatbot.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "todo-chatbot.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "todo-chatbot.namespace" -}}
{{- default .Release.Namespace .Values.namespaceOverride -}}
{{- end -}}

{{- define "todo-chatbot.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
Labels. "todo-chatbot.labels" takes the root context; the component variants take
(dict "root" $ "component" "api").
*/}}
{{- define "todo-chatbot.selectorLabels" -}}
app.kubernetes.io/name: {{ include "todo-chatbot.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "todo-chatbot.labels" -}}
helm.sh/chart: {{ include "todo-chatbot.chart" . }}
{{ include "todo-chatbot.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: todo-chatbot
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{- define "todo-chatbot.componentSelectorLabels" -}}
{{ include "todo-chatbot.selectorLabels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "todo-chatbot.componentLabels" -}}
{{ include "todo-chatbot.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/*
Annotations of an object: commonAnnotations merged with the given ones. Takes
(dict "root" $ "annotations" (dict ...)); renders nothing when both are empty.
*/}}
{{- define "todo-chatbot.annotations" -}}
{{- $all := merge (deepCopy (.annotations | default dict)) (deepCopy (.root.Values.commonAnnotations | default dict)) -}}
{{- with $all -}}
annotations:
  {{- toYaml . | nindent 2 }}
{{- end -}}
{{- end -}}

{{/*
Images
*/}}
{{- define "todo-chatbot.imageRef" -}}
{{- $image := .image -}}
{{- $repository := $image.repository -}}
{{- if $image.registry -}}
{{- $repository = printf "%s/%s" $image.registry $image.repository -}}
{{- end -}}
{{- if $image.digest -}}
{{- printf "%s@%s" $repository $image.digest -}}
{{- else -}}
{{- printf "%s:%s" $repository (toString (default .default $image.tag)) -}}
{{- end -}}
{{- end -}}

{{- define "todo-chatbot.image" -}}
{{- include "todo-chatbot.imageRef" (dict "image" .Values.image "default" .Chart.AppVersion) -}}
{{- end -}}

{{- define "todo-chatbot.postgresqlImage" -}}
{{- include "todo-chatbot.imageRef" (dict "image" .Values.postgresql.image "default" "16") -}}
{{- end -}}

{{- define "todo-chatbot.imagePullSecrets" -}}
{{- with .Values.image.pullSecrets -}}
imagePullSecrets:
{{- range . }}
  - name: {{ . }}
{{- end }}
{{- end -}}
{{- end -}}

{{/*
checkov suppressions for a workload, each with its reason. Takes
(dict "image" <image values> "skipTokenCheck" <bool>).
*/}}
{{- define "todo-chatbot.checkovSkips" -}}
{{- $skips := dict -}}
{{- if not .image.digest -}}
{{- $_ := set $skips "checkov.io/skip1" "CKV_K8S_43=Images are pinned by tag; set the image digest value to pin them by digest" -}}
{{- if ne .image.pullPolicy "Always" -}}
{{- $_ := set $skips "checkov.io/skip2" "CKV_K8S_15=The image is built into the local cluster runtime and cannot be pulled from a registry" -}}
{{- end -}}
{{- end -}}
{{- if .skipTokenCheck -}}
{{- $_ := set $skips "checkov.io/skip3" "CKV_K8S_38=The Dapr Kubernetes secret store in the sidecar reads the app Secret through the API" -}}
{{- end -}}
{{- toYaml $skips -}}
{{- end -}}

{{/*
Secrets
*/}}
{{- define "todo-chatbot.secretName" -}}
{{- default (include "todo-chatbot.fullname" .) .Values.secrets.existingSecret -}}
{{- end -}}

{{/*
The Secret key of the previous JWT secret (empty: none to mount). The chart's own Secret
always has one, empty outside a rotation, so the volume never names a missing key.
*/}}
{{- define "todo-chatbot.jwtSecretPreviousKey" -}}
{{- if .Values.secrets.keys.jwtSecretPrevious -}}
{{- .Values.secrets.keys.jwtSecretPrevious -}}
{{- else if not .Values.secrets.existingSecret -}}
jwt_secret_previous
{{- end -}}
{{- end -}}

{{- define "todo-chatbot.configMapName" -}}
{{- printf "%s-config" (include "todo-chatbot.fullname" .) -}}
{{- end -}}

{{/*
Service and host names
*/}}
{{- define "todo-chatbot.componentName" -}}
{{- printf "%s-%s" (include "todo-chatbot.fullname" .root) .component | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "todo-chatbot.mcpServiceName" -}}
{{- include "todo-chatbot.componentName" (dict "root" . "component" "mcp") -}}
{{- end -}}

{{- define "todo-chatbot.postgresqlServiceName" -}}
{{- include "todo-chatbot.componentName" (dict "root" . "component" "postgresql") -}}
{{- end -}}

{{- define "todo-chatbot.mcpServerUrl" -}}
{{- printf "http://%s:%d/mcp" (include "todo-chatbot.mcpServiceName" .) (int .Values.mcp.service.port) -}}
{{- end -}}

{{/* Every Host header a client inside the cluster may send to the MCP Service. */}}
{{- define "todo-chatbot.mcpAllowedHosts" -}}
{{- $svc := include "todo-chatbot.mcpServiceName" . -}}
{{- $ns := include "todo-chatbot.namespace" . -}}
{{- $port := int .Values.mcp.service.port -}}
{{- $hosts := list -}}
{{- range (list $svc (printf "%s.%s" $svc $ns) (printf "%s.%s.svc" $svc $ns) (printf "%s.%s.svc.%s" $svc $ns .Values.clusterDomain)) -}}
{{- $hosts = append $hosts . -}}
{{- $hosts = append $hosts (printf "%s:%d" . $port) -}}
{{- end -}}
{{- join "," $hosts -}}
{{- end -}}

{{- define "todo-chatbot.kafkaClusterName" -}}
{{- default (printf "%s-kafka" (include "todo-chatbot.fullname" .)) .Values.kafka.strimzi.clusterName | trunc 40 | trimSuffix "-" -}}
{{- end -}}

{{- define "todo-chatbot.kafkaScram" -}}
{{- if and .Values.kafka.strimzi.enabled (eq .Values.kafka.strimzi.authentication "scram-sha-512") -}}true{{- end -}}
{{- end -}}

{{- define "todo-chatbot.kafkaUserName" -}}
{{- printf "%s-apps" (include "todo-chatbot.kafkaClusterName" .) -}}
{{- end -}}

{{- define "todo-chatbot.kafkaBootstrap" -}}
{{- if .Values.kafka.strimzi.enabled -}}
{{- $port := ternary 9093 9092 (eq (include "todo-chatbot.kafkaScram" .) "true") -}}
{{- printf "%s-kafka-bootstrap.%s.svc:%d" (include "todo-chatbot.kafkaClusterName" .) (include "todo-chatbot.namespace" .) $port -}}
{{- else -}}
{{- required "kafka.bootstrapServers is required when kafka.strimzi.enabled is false" .Values.kafka.bootstrapServers -}}
{{- end -}}
{{- end -}}

{{/* DATABASE_URL of the in-cluster PostgreSQL. Takes (dict "root" $ "password" $password). */}}
{{- define "todo-chatbot.databaseUrl" -}}
{{- $root := .root -}}
{{- $pg := $root.Values.postgresql -}}
{{- printf "postgresql://%s:%s@%s.%s.svc:%d/%s" $pg.username .password (include "todo-chatbot.postgresqlServiceName" $root) (include "todo-chatbot.namespace" $root) (int $pg.port) $pg.database -}}
{{- end -}}

{{/*
Non-secret configuration shared by every process, as a YAML map of strings.
*/}}
{{- define "todo-chatbot.configData" -}}
APP_ENV: {{ .Values.config.appEnv | quote }}
LOG_LEVEL: {{ .Values.config.logLevel | quote }}
EVENT_BUS: {{ .Values.config.eventBus | quote }}
DAPR_HTTP_PORT: "3500"
DAPR_PUBSUB_NAME: {{ .Values.dapr.pubsub.name | quote }}
{{- if eq .Values.config.eventBus "kafka" }}
KAFKA_BOOTSTRAP_SERVERS: {{ include "todo-chatbot.kafkaBootstrap" . | quote }}
{{- end }}
{{- if .Values.mcp.enabled }}
MCP_ALLOWED_HOSTS: {{ include "todo-chatbot.mcpAllowedHosts" . | quote }}
{{- end }}
SCHEDULER_INTERVAL_SECONDS: {{ .Values.config.schedulerIntervalSeconds | toString | quote }}
DB_POOL_SIZE: {{ .Values.config.dbPoolSize | toString | quote }}
DB_MAX_OVERFLOW: {{ .Values.config.dbMaxOverflow | toString | quote }}
{{- with .Values.config.corsOrigins }}
CORS_ORIGINS: {{ join "," . | quote }}
{{- end }}
{{- with .Values.config.jwksUrl }}
JWKS_URL: {{ . | quote }}
{{- end }}
SECRETS_DIR: {{ .Values.secrets.mountPath | quote }}
HOME: "/tmp"
TMPDIR: "/tmp"
XDG_DATA_HOME: "/tmp"
{{- range $key, $value := .Values.config.extraEnv }}
{{ $key }}: {{ $value | toString | quote }}
{{- end }}
{{- end -}}

{{/*
Configuration only the api reads: the agent and where its MCP tools are. Kept apart so the
other processes do not ask for an OpenAI key they never use.
*/}}
{{- define "todo-chatbot.agentConfigData" -}}
AGENT_ENGINE: {{ .Values.config.agentEngine | quote }}
OPENAI_MODEL: {{ .Values.config.openaiModel | quote }}
{{- with .Values.config.openaiBaseUrl }}
OPENAI_BASE_URL: {{ . | quote }}
{{- end }}
{{- if .Values.mcp.enabled }}
MCP_SERVER_URL: {{ include "todo-chatbot.mcpServerUrl" . | quote }}
{{- end }}
{{- end -}}

{{- define "todo-chatbot.agentConfigMapName" -}}
{{- printf "%s-agent" (include "todo-chatbot.fullname" .) -}}
{{- end -}}

{{/*
Secret files a component reads: a list of (key, path) pairs. Takes (dict "root" $ "component" "api").
*/}}
{{- define "todo-chatbot.secretItems" -}}
{{- $root := .root -}}
{{- $keys := $root.Values.secrets.keys -}}
- key: {{ $keys.databaseUrl }}
  path: database_url
- key: {{ $keys.jwtSecret }}
  path: jwt_secret
{{- with (include "todo-chatbot.jwtSecretPreviousKey" $root) }}
- key: {{ . }}
  path: jwt_secret_previous
{{- end }}
{{- if and (eq .component "api") (eq $root.Values.config.agentEngine "openai") }}
- key: {{ $keys.openaiApiKey }}
  path: openai_api_key
{{- end }}
{{- if and (eq .component "notifier") $root.Values.workers.notifier.webhook.enabled }}
- key: {{ $keys.notifyWebhookUrl }}
  path: notify_webhook_url
{{- end }}
{{- end -}}

{{/*
Component settings, merged: api and mcp come from their own blocks, workers from
workers.common overlaid with workers.<name>. Takes (dict "root" $ "component" "relay").
*/}}
{{- define "todo-chatbot.componentValues" -}}
{{- $root := .root -}}
{{- if or (eq .component "api") (eq .component "mcp") -}}
{{- toYaml (index $root.Values .component) -}}
{{- else -}}
{{- toYaml (mergeOverwrite (deepCopy $root.Values.workers.common) (deepCopy (index $root.Values.workers .component))) -}}
{{- end -}}
{{- end -}}

{{- define "todo-chatbot.workerNames" -}}
{{- toYaml (list "relay" "recurring" "scheduler" "notifier") -}}
{{- end -}}

{{/* Dapr app ids of the enabled components that run a sidecar, as a YAML list. */}}
{{- define "todo-chatbot.daprAppIds" -}}
{{- $root := . -}}
{{- $ids := list -}}
{{- range (list "api" "mcp" "relay" "recurring" "scheduler" "notifier") -}}
{{- $values := include "todo-chatbot.componentValues" (dict "root" $root "component" .) | fromYaml -}}
{{- if and $root.Values.dapr.enabled $values.enabled $values.dapr.enabled -}}
{{- $ids = append $ids $values.dapr.appId -}}
{{- end -}}
{{- end -}}
{{- toYaml $ids -}}
{{- end -}}

{{- define "todo-chatbot.serviceAccountName" -}}
{{- $values := include "todo-chatbot.componentValues" . | fromYaml -}}
{{- if $values.serviceAccount.create -}}
{{- default (include "todo-chatbot.componentName" .) $values.serviceAccount.name -}}
{{- else -}}
{{- default "default" $values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* Whether a component's sidecar loads the Kubernetes secret store (and so needs API access). */}}
{{- define "todo-chatbot.usesSecretStore" -}}
{{- $root := .root -}}
{{- $values := include "todo-chatbot.componentValues" . | fromYaml -}}
{{- if and $root.Values.dapr.enabled $root.Values.dapr.secretStore.enabled $values.dapr.enabled (has $values.dapr.appId $root.Values.dapr.secretStore.scopes) -}}true{{- end -}}
{{- end -}}

{{- define "todo-chatbot.migrationHook" -}}
{{- if .Values.migrations.hook -}}
{{- .Values.migrations.hook -}}
{{- else if .Values.postgresql.enabled -}}
post-install,pre-upgrade
{{- else -}}
pre-install,pre-upgrade
{{- end -}}
{{- end -}}

{{- define "todo-chatbot.kafkaTopicReplicas" -}}
{{- if .Values.kafka.topics.replicas -}}
{{- .Values.kafka.topics.replicas -}}
{{- else -}}
{{- min 3 (int .Values.kafka.strimzi.replicas) -}}
{{- end -}}
{{- end -}}

{{/*
Probe. Takes (dict "probe" <values> "path" "/health").
*/}}
{{- define "todo-chatbot.probe" -}}
httpGet:
  path: {{ .path }}
  port: http
{{- range $key := list "initialDelaySeconds" "periodSeconds" "timeoutSeconds" "failureThreshold" "successThreshold" }}
{{- if hasKey $.probe $key }}
{{ $key }}: {{ index $.probe $key }}
{{- end }}
{{- end }}
{{- end -}}

{{/*
Connection metadata shared by the pubsub.kafka components: brokers, auth and limits.
*/}}
{{- define "todo-chatbot.daprKafkaMetadata" -}}
{{- $dapr := .Values.dapr -}}
{{- $scram := eq (include "todo-chatbot.kafkaScram" .) "true" -}}
{{- $authType := ternary "password" $dapr.pubsub.authType $scram -}}
- name: brokers
  value: {{ include "todo-chatbot.kafkaBootstrap" . | quote }}
- name: authType
  value: {{ $authType | quote }}
{{- if eq $authType "password" }}
- name: saslMechanism
  value: "SHA-512"
{{- if $scram }}
- name: saslUsername
  value: {{ include "todo-chatbot.kafkaUserName" . | quote }}
- name: saslPassword
  secretKeyRef:
    name: {{ include "todo-chatbot.kafkaUserName" . }}
    key: password
- name: caCert
  secretKeyRef:
    name: {{ include "todo-chatbot.kafkaClusterName" . }}-cluster-ca-cert
    key: ca.crt
{{- else }}
- name: saslUsername
  value: {{ required "dapr.pubsub.saslUsername is required with authType password" $dapr.pubsub.saslUsername | quote }}
- name: saslPassword
  secretKeyRef:
    name: {{ required "dapr.pubsub.saslPasswordSecret.name is required with authType password" $dapr.pubsub.saslPasswordSecret.name }}
    key: {{ $dapr.pubsub.saslPasswordSecret.key }}
{{- end }}
{{- else }}
- name: disableTls
  value: "true"
{{- end }}
- name: maxMessageBytes
  value: {{ $dapr.pubsub.maxMessageBytes | int64 | toString | quote }}
- name: consumeRetryInterval
  value: "200ms"
{{- end }}
