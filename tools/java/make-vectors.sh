#!/bin/sh
# Regenerates the Java-computed vectors kplay-core's cluster tests read (docs/brokers.md):
#   crates/kplay-core/tests/data/kafka-placement-vectors.json   (Kafka's AdminUtils, compiled from the mirror)
#   crates/kplay-core/tests/data/java-coordinator-vectors.json  (java.lang.String.hashCode)
# Needs a JDK (javac, java) and the Kafka mirror; KAFKA_REPO and KAFKA_REV override where and which commit.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
repo=${KAFKA_REPO:-/work/.mirror/apache+kafka/repo}
rev=${KAFKA_REV:-1eb7644349cb07139d6a3c1ad1986979647cac99}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/src/org/apache/kafka/admin" "$tmp/classes"
for f in AdminUtils BrokerMetadata; do
    git -C "$repo" show "$rev:server-common/src/main/java/org/apache/kafka/admin/$f.java" \
        > "$tmp/src/org/apache/kafka/admin/$f.java"
done
javac -d "$tmp/classes" $(find "$tmp/src" "$here/stubs" -name '*.java') \
    "$here/PlacementVectors.java" "$here/CoordinatorVectors.java"
java -cp "$tmp/classes" PlacementVectors > "$root/crates/kplay-core/tests/data/kafka-placement-vectors.json"
java -cp "$tmp/classes" CoordinatorVectors > "$root/crates/kplay-core/tests/data/java-coordinator-vectors.json"
echo "wrote kafka-placement-vectors.json and java-coordinator-vectors.json from Kafka $rev"
