#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Installs every Debian package the project needs, on a fresh Debian 12 machine.
# Safe to run again: apt-get skips what is already there.
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config git
  clang libclang-rt-14-dev llvm          # libFuzzer, ASan/UBSan/LSan runtimes
  libssl-dev                             # libcrypto: SHA1 / HMAC-SHA1 for return routability
  libpcap-dev                            # pcap reading and writing
  libgtest-dev libgmock-dev              # unit tests
  libmnl-dev                             # netlink (native binding)
  libjansson-dev                         # JSON in mip6tool (--json output, craft input)
  ns3 libns3-dev libgsl-dev              # simulation binding (ns-3.37)
  tshark tcpdump                         # independent decoders used as test oracles
  python3 python3-matplotlib python3-scapy parallel  # plots; GNU parallel runs run.py --emit-joblist
  valgrind iproute2 radvd iperf3
  slurmctld slurmd slurm-client munge    # ctest experiment_slurm: a private one-node Slurm for run.py --emit-slurm
)

if [ "$(id -u)" -ne 0 ]; then
  echo "setup.sh: must run as root (it installs Debian packages)" >&2
  exit 1
fi

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup.sh: all ${#PACKAGES[@]} packages already installed"
  exit 0
fi

echo "setup.sh: installing ${#missing[@]} packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# tshark asks whether non-root users may capture; answer once, non-interactively.
echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "setup.sh: done"
