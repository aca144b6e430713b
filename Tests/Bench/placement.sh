#!/usr/bin/env bash
# How the grains of 100 accounts spread over three natrium nodes, and how they spread once a
# fourth node joins: runs PlacementTests (real processes on 127.0.0.1, membership in a
# throwaway redis-server, clients on every node, rebalancing on) and prints the distribution it
# reads from each node's /grainz. Needs redis-server (apt-get install redis-server).
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build Tests/Natrium.Tests.csproj -v q -nologo | grep -E " error |rror\(s\)" | sort -u
dotnet test Tests/Natrium.Tests.csproj --no-build --filter "FullyQualifiedName~Integration.Cluster.PlacementTests" \
  --logger "console;verbosity=detailed" | sed -n '/accounts, 3 nodes:/,/^Test Run/p'
