#!/usr/bin/env bash
# Builds the published modules twice from clean and checks that every jar and POM is byte-identical.
# Usage: scripts/check-reproducible.sh   (from anywhere in the repository)
set -euo pipefail
cd "$(dirname "$0")/.."

# The published modules: those the root POM lists, less those that skip deployment (examples, benchmarks).
modules=()
for m in $(sed -n 's|.*<module>\(.*\)</module>.*|\1|p' pom.xml); do
  grep -q '<maven.deploy.skip>true</maven.deploy.skip>' "$m/pom.xml" || modules+=("$m")
done
build() {
  ./mvnw -q -pl "$(IFS=,; echo "${modules[*]}")" clean package -DskipTests -Djapicmp.skip=true
  for m in "${modules[@]}"; do
    if [ -d "$m/target" ]; then # the BOM has no jar
      find "$m/target" -maxdepth 1 -name '*.jar' -print0 | sort -z | xargs -0 -r sha256sum
    fi
    sha256sum "$m/.flattened-pom.xml"
  done
}

first=$(mktemp)
second=$(mktemp)
trap 'rm -f "$first" "$second"' EXIT
build > "$first"
build > "$second"
if ! diff -u "$first" "$second"; then
  echo "NOT reproducible: the files above differ between two clean builds" >&2
  exit 1
fi
echo "reproducible: $(wc -l < "$first") files byte-identical across two clean builds:"
awk '{print "  " $2}' "$first"
