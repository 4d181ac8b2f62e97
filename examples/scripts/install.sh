#!/usr/bin/env bash
# The canonical flow from Kuma's "Secure access across services", done right:
# one CA, one server certificate for kuma-control-plane.kuma-system[.svc], one Secret,
# and a caBundle that is one line of base64 (base64 -w0, never `cat ca.crt | base64`).
# The Secret has a name of its own: k8s/secret-general.yaml already defines general-tls-certs,
# and one name defined twice with different content is ambiguous (secret-ambiguous).
set -euo pipefail
cd "$(dirname "$0")/.."

kubectl create secret generic kuma-cp-general-tls -n kuma-system \
  --from-file=tls.crt=certs/tls.crt \
  --from-file=tls.key=certs/tls.key \
  --from-file=ca.crt=certs/ca.crt

kumactl install control-plane \
  --set "controlPlane.tls.general.secretName=kuma-cp-general-tls" \
  --set "controlPlane.tls.general.caBundle=$(base64 -w0 < certs/ca.crt)" \
  | kubectl apply -f -
