#!/usr/bin/env bash
# Scanning speed of `portpolicy ports` on a generated monorepo-sized tree: many config
# files with ports, many without (the prefilter's case), and source files of no scanned
# format. Prints wall time per thread count and MB/s. Needs hyperfine and a build in build/.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bin="${BIN:-$root/build/portpolicy}"
tree="${TREE:-/tmp/portpolicy-bench-tree}"
services="${SERVICES:-2000}"

if [ ! -f "$tree/.done-$services" ]; then
  rm -rf "$tree"
  for i in $(seq 1 "$services"); do
    d="$tree/services/svc$i"
    mkdir -p "$d/k8s" "$d/src"
    port=$((50000 + i % 15000))
    cat > "$d/compose.yaml" <<YAML
services:
  svc$i:
    image: registry.example.com/svc$i:1.$i.0
    ports:
      - "$port:8080"
    environment:
      DATABASE_URL: postgres://db:5432/svc$i
      TIMEOUT_SECONDS: "30"
YAML
    cat > "$d/k8s/deploy.yaml" <<YAML
apiVersion: apps/v1
kind: Deployment
metadata: {name: svc$i}
spec:
  replicas: 3
  template:
    spec:
      containers:
        - name: svc$i
          image: svc$i:1.0
          ports:
            - containerPort: 8080
YAML
    printf 'name: svc%s\nowners: [team-a]\nreplicas: 3\n' "$i" > "$d/meta.yaml"
    printf 'PORT=8080\nLOG_LEVEL=info\n' > "$d/.env"
    head -c 20000 /dev/zero | tr '\0' 'x' > "$d/src/data.txt"
  done
  touch "$tree/.done-$services"
fi
bytes=$(du -sb "$tree" | cut -f1)
echo "tree: $tree ($services services, $((bytes / 1024 / 1024)) MiB)"
hyperfine -N --warmup 1 --runs 5 \
  "$bin ports -j 1 --format json $tree" \
  "$bin ports -j 2 --format json $tree"
