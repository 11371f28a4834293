#!/usr/bin/env bash
# netcheck: quick network diagnostics for a host that "cannot reach anything".
# Prints interface state, resolver answers, reachability of a few well-known services
# and scans the local /24 for live hosts.
set -u

TIMEOUT=3
COUNT=4
MTU_PROBE_SIZE=1472
EXIT_NO_ROUTE=254
EXIT_NO_DNS=253
EXIT_USAGE=255
RESOLVER="${RESOLVER:-1.1.1.1}"
TARGETS=(
  "github.com 443"
  "pkgs.net 443"
  "mirror.example.com 443"
  "time.google.com 123"
)

usage() {
  echo "usage: $0 [-i iface] [-s]" >&2
  exit "$EXIT_USAGE"
}

iface=""
scan=0
while getopts "i:sh" opt; do
  case "$opt" in
    i) iface="$OPTARG" ;;
    s) scan=1 ;;
    *) usage ;;
  esac
done

section() { printf '\n\033[1;34m== %s ==\033[0m\n' "$1"; }

section "interfaces"
ip -brief address show ${iface:+dev "$iface"}
gw=$(ip route show default | awk '/default/ {print $3; exit}')
if [[ -z "$gw" ]]; then
  echo "no default route" >&2
  exit "$EXIT_NO_ROUTE"
fi
echo "gateway: $gw"
ping -c "$COUNT" -W "$TIMEOUT" "$gw" | tail -n 2

section "path MTU"
if ping -c 1 -M do -s "$MTU_PROBE_SIZE" "$RESOLVER" >/dev/null 2>&1; then
  echo "1500 byte frames pass"
else
  echo "fragmentation needed below 1500 bytes" >&2
fi

section "dns"
if ! dig +time="$TIMEOUT" +tries=1 @"$RESOLVER" example.com A +short; then
  echo "resolver $RESOLVER not answering on 53/udp" >&2
  exit "$EXIT_NO_DNS"
fi
dig +tcp @"$RESOLVER" -p 53 example.com AAAA +short

section "services"
for entry in "${TARGETS[@]}"; do
  read -r host port <<<"$entry"
  if timeout "$TIMEOUT" bash -c "exec 3<>/dev/tcp/$host/$port" 2>/dev/null; then
    printf '%-24s %5s open\n' "$host" "$port"
  else
    printf '%-24s %5s CLOSED\n' "$host" "$port"
  fi
done
curl -sS -o /dev/null -w 'https: %{http_code} in %{time_total}s\n' --max-time "$TIMEOUT" https://example.com:443/
nc -vz -u -w "$TIMEOUT" time.google.com 123 2>&1 | tail -n 1

if (( scan )); then
  section "hosts on ${gw%.*}.0/24"
  for i in $(seq 1 254); do
    ( ping -c 1 -W 1 "${gw%.*}.$i" >/dev/null 2>&1 && echo "${gw%.*}.$i up" ) &
    (( i % 64 == 0 )) && wait
  done
  wait
fi

printf '\nmask check: %d\n' $(( 0xff & 255 ))
exit 0
