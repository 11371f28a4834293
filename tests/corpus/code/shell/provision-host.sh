#!/bin/bash
# Provision a fresh Ubuntu VM as an application host: packages, users, sshd hardening,
# firewall, fail2ban and the node exporter.
set -euo pipefail

SSH_PORT=2202
ADMIN_USER=deploy
ADMIN_UID=1100
NODE_EXPORTER_VERSION=1.7.0
NODE_EXPORTER_PORT=9100
MONITORING_NET=10.50.0.0/16
SWAP_MB=2048

if [[ $EUID -ne 0 ]]; then
  echo "run as root" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq ufw fail2ban unattended-upgrades curl jq chrony

# --- users -----------------------------------------------------------------------------
if ! id "$ADMIN_USER" >/dev/null 2>&1; then
  useradd -m -u "$ADMIN_UID" -s /bin/bash -G sudo "$ADMIN_USER"
  install -d -m 700 -o "$ADMIN_USER" -g "$ADMIN_USER" "/home/$ADMIN_USER/.ssh"
  install -m 600 -o "$ADMIN_USER" -g "$ADMIN_USER" /root/.ssh/authorized_keys "/home/$ADMIN_USER/.ssh/"
fi
echo "$ADMIN_USER ALL=(ALL) NOPASSWD:ALL" > "/etc/sudoers.d/90-$ADMIN_USER"
chmod 0440 "/etc/sudoers.d/90-$ADMIN_USER"

# --- sshd ------------------------------------------------------------------------------
sed -i -E "s/^#?Port .*/Port ${SSH_PORT}/" /etc/ssh/sshd_config
sed -i -E 's/^#?PasswordAuthentication .*/PasswordAuthentication no/' /etc/ssh/sshd_config
sed -i -E 's/^#?MaxAuthTries .*/MaxAuthTries 3/' /etc/ssh/sshd_config
sshd -t
systemctl restart ssh

# --- swap ------------------------------------------------------------------------------
if [[ ! -f /swapfile ]]; then
  fallocate -l "${SWAP_MB}M" /swapfile
  chmod 600 /swapfile
  mkswap /swapfile && swapon /swapfile
  echo '/swapfile none swap sw 0 0' >> /etc/fstab
fi
sysctl -w vm.swappiness=10
sysctl -w net.core.somaxconn=4096

# --- firewall --------------------------------------------------------------------------
ufw --force reset
ufw default deny incoming
ufw default allow outgoing
ufw allow "$SSH_PORT"/tcp
ufw allow 80/tcp
ufw allow 443/tcp
ufw allow 443/udp
ufw allow from "$MONITORING_NET" to any port "$NODE_EXPORTER_PORT" proto tcp
ufw allow proto udp from 10.50.0.10 to any port 123
ufw limit 2202/tcp
ufw --force enable

# Redirect the legacy port 8080 to the app on 80 for old clients
iptables -t nat -A PREROUTING -p tcp --dport 8080 -j REDIRECT --to-ports 80
iptables -A INPUT -p icmp --icmp-type echo-request -m limit --limit 5/second -j ACCEPT

# --- fail2ban --------------------------------------------------------------------------
cat > /etc/fail2ban/jail.d/sshd.local <<EOF
[sshd]
enabled  = true
port     = ${SSH_PORT}
maxretry = 5
bantime  = 3600
EOF
systemctl enable --now fail2ban

# --- node exporter ---------------------------------------------------------------------
cd /tmp
curl -fsSLO "https://github.com/prometheus/node_exporter/releases/download/v${NODE_EXPORTER_VERSION}/node_exporter-${NODE_EXPORTER_VERSION}.linux-amd64.tar.gz"
tar xzf "node_exporter-${NODE_EXPORTER_VERSION}.linux-amd64.tar.gz"
install -m 755 "node_exporter-${NODE_EXPORTER_VERSION}.linux-amd64/node_exporter" /usr/local/bin/
cat > /etc/systemd/system/node_exporter.service <<EOF
[Unit]
Description=Prometheus node exporter
After=network-online.target

[Service]
User=nobody
ExecStart=/usr/local/bin/node_exporter --web.listen-address=:${NODE_EXPORTER_PORT}
Restart=on-failure

[Install]
WantedBy=multi-user.target
EOF
systemctl daemon-reload
systemctl enable --now node_exporter

curl -fsS "http://localhost:${NODE_EXPORTER_PORT}/metrics" | head -n 5
echo "provisioned; ssh now listens on ${SSH_PORT}"
