{{/* Chart name, as helm create names it. */}}
{{- define "quidpro.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Release-qualified name: <release>-quidpro, or fullnameOverride. */}}
{{- define "quidpro.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "quidpro.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* A service's resource name. Context: dict root, name (the service), svc (its values). */}}
{{- define "quidpro.componentName" -}}
{{- printf "%s-%s" (include "quidpro.fullname" .root) .name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The standard labels of helm create, plus the component. */}}
{{- define "quidpro.labels" -}}
helm.sh/chart: {{ include "quidpro.chart" .root }}
{{ include "quidpro.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: quidpro
{{- end }}

{{- define "quidpro.selectorLabels" -}}
app.kubernetes.io/name: {{ include "quidpro.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .name }}
{{- end }}

{{/* registry/prefix/<service>:tag, unless the service names its own repository or tag. */}}
{{- define "quidpro.image" -}}
{{- $image := .root.Values.image }}
{{- $own := .svc.image | default dict }}
{{- $repository := $own.repository | default (printf "%s/%s/%s" $image.registry $image.repositoryPrefix .name) }}
{{- printf "%s:%s" $repository ($own.tag | default $image.tag | default .root.Chart.AppVersion) }}
{{- end }}

{{/* The Secret holding the database password: the operator's existingSecret, else <fullname>-database
     (which the chart renders from externalDatabase.password for trials, or the operator creates). */}}
{{- define "quidpro.databaseSecret" -}}
{{- default (printf "%s-database" (include "quidpro.fullname" .)) .Values.externalDatabase.existingSecret }}
{{- end }}
