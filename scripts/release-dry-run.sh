#!/usr/bin/env bash
# Rehearses a release: builds version $1 (default 0.1.0) with the release profile, signs it with a
# throwaway GPG key made for this run, and deploys it to a local folder instead of Maven Central:
# target/dry-run-repo then holds exactly the files a Central bundle holds. Nothing is uploaded.
# Usage: scripts/release-dry-run.sh [version]
set -euo pipefail
cd "$(dirname "$0")/.."
version=${1:-0.1.0}

GNUPGHOME=$(mktemp -d)
export GNUPGHOME
trap 'rm -rf "$GNUPGHOME"' EXIT
gpg --batch --quiet --pinentry-mode loopback --passphrase '' \
    --quick-gen-key "order-analytics release dry run <dry-run@example.invalid>" ed25519 sign 1d 2>/dev/null
key=$(gpg --list-secret-keys --with-colons | awk -F: '/^fpr/ {print $10; exit}')

repo="$PWD/target/dry-run-repo"
rm -rf "$repo"
# Examples and benchmarks set maven.deploy.skip, as the central profile excludes them.
./mvnw -q -Prelease -Drevision="$version" -DskipTests -Dgpg.keyname="$key" \
    -DaltDeploymentRepository="dry-run::file://$repo" \
    -Daether.checksums.algorithms=SHA-512,SHA-256,SHA-1,MD5 \
    clean deploy

echo "Staged version $version, signed with throwaway key $key, in $repo:"
(cd "$repo" && find . -type f ! -name 'maven-metadata*' | sed 's|^\./||' | sort)
