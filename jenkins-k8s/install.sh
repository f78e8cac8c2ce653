#!/usr/bin/env bash
# Installs or upgrades Jenkins with the UPM publisher: the official chart, ./helm/values.yaml, and every JCasC file of
# ./casc/ as controller.JCasC.configScripts.<file name>. Run the manifests first (README.md).
#   NAMESPACE=upm-jenkins CHART_VERSION=5.8.4 ./install.sh [extra helm flags, e.g. -f my-values.yaml]
set -euo pipefail
cd "$(dirname "$0")"

NAMESPACE="${NAMESPACE:-upm-jenkins}"
RELEASE="${RELEASE:-jenkins}"
CHART_VERSION="${CHART_VERSION:-5.8.4}"

casc_args=()
for f in casc/*.yaml; do
  name="$(basename "$f" .yaml)"
  casc_args+=(--set-file "controller.JCasC.configScripts.${name}=${f}")
done

helm repo add jenkins https://charts.jenkins.io >/dev/null 2>&1 || true
helm repo update jenkins >/dev/null

helm upgrade --install "$RELEASE" jenkins/jenkins \
  --namespace "$NAMESPACE" \
  --version "$CHART_VERSION" \
  -f helm/values.yaml \
  "${casc_args[@]}" \
  --wait --timeout 15m \
  "$@"
