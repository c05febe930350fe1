import org.apache.kafka.admin.AdminUtils;
import org.apache.kafka.admin.BrokerMetadata;
import org.apache.kafka.admin.SeedAdminUtils;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

// Prints crates/kplay-core/tests/data/kafka-placement-vectors.json: Kafka's own AdminUtils.assignReplicasToBrokers
// (compiled from the mirror, see make-vectors.sh) run on random cluster shapes.
// Half the cases fix the start index (Kafka then uses it as the shift too); the other half let Kafka draw both
// from its AdminUtils.RAND, seeded, and record the values drawn (the same seed in a fresh java.util.Random).
// Brokers are listed in a shuffled order with gaps in their ids, racks drawn from a small pool (including names
// whose Java order differs from their code-point order), and a few shapes Kafka rejects.
public class PlacementVectors {
    static final String[] RACKS = {"rack-a", "rack-b", "rack-c", "rack-d", "\uFF21", "\uD83D\uDE00", "eu-1a", "eu-1b"};

    public static void main(String[] args) {
        Random r = new Random(20261130L);
        StringBuilder out = new StringBuilder("{\"cases\":[\n");
        for (int c = 0; c < 600; c++) {
            int nBrokers = 1 + r.nextInt(12);
            int nRacks = r.nextInt(5); // 0: no racks at all
            int partitions = 1 + r.nextInt(64);
            int rf = 1 + r.nextInt(nBrokers);
            boolean random = c % 2 == 1;
            int start = random ? -1 : r.nextInt(2 * nBrokers + 1);
            long seed = r.nextLong();
            int startPartition = r.nextInt(4) == 0 ? r.nextInt(100) : (r.nextBoolean() ? 0 : -1);
            boolean mixed = nRacks > 0 && c % 40 == 7; // one broker without a rack
            if (c % 50 == 11) rf = nBrokers + 1;
            if (c % 50 == 23) rf = 0;
            if (c % 50 == 37) partitions = 0;
            List<Integer> ids = new ArrayList<>();
            int id = r.nextInt(3);
            for (int b = 0; b < nBrokers; b++) { ids.add(id); id += 1 + (r.nextInt(4) == 0 ? r.nextInt(5) : 0); }
            Collections.shuffle(ids, r);
            int pool = RACKS.length;
            int offset = r.nextInt(pool);
            List<BrokerMetadata> brokers = new ArrayList<>();
            StringBuilder b = new StringBuilder("[");
            for (int i = 0; i < nBrokers; i++) {
                Optional<String> rack = nRacks == 0 || (mixed && i == nBrokers / 2)
                    ? Optional.empty() : Optional.of(RACKS[(offset + r.nextInt(nRacks)) % pool]);
                brokers.add(new BrokerMetadata(ids.get(i), rack));
                if (i > 0) b.append(',');
                b.append("{\"id\":").append(ids.get(i)).append(",\"rack\":")
                    .append(rack.map(PlacementVectors::q).orElse("null")).append('}');
            }
            b.append(']');
            out.append(c == 0 ? "" : ",\n").append("{\"brokers\":").append(b)
                .append(",\"partitions\":").append(partitions).append(",\"replication_factor\":").append(rf)
                .append(",\"start_partition_id\":").append(startPartition).append(',');
            if (random) {
                Random drawn = new Random(seed);
                int index = drawn.nextInt(nBrokers);
                int shift = drawn.nextInt(nBrokers);
                out.append("\"java_random_seed\":").append(seed).append(",\"start_index\":").append(index)
                    .append(",\"replica_shift\":").append(shift).append(',');
            } else {
                out.append("\"fixed_start_index\":").append(start).append(",\"start_index\":").append(start)
                    .append(",\"replica_shift\":").append(start).append(',');
            }
            SeedAdminUtils.seed(seed);
            try {
                Map<Integer, List<Integer>> got = AdminUtils.assignReplicasToBrokers(brokers, partitions, rf, start, startPartition);
                List<Integer> keys = new ArrayList<>(got.keySet());
                Collections.sort(keys);
                out.append("\"expect\":{");
                for (int k = 0; k < keys.size(); k++) {
                    out.append(k == 0 ? "" : ",").append('"').append(keys.get(k)).append("\":").append(got.get(keys.get(k)).toString().replace(" ", ""));
                }
                out.append("}}");
            } catch (RuntimeException e) {
                out.append("\"error\":").append(q(e.getClass().getSimpleName())).append(",\"message\":").append(q(e.getMessage())).append('}');
            }
        }
        out.append("\n]}");
        System.out.println(out);
    }

    // JSON string with every non-ASCII UTF-16 unit escaped, so the file is ASCII and surrogate pairs survive.
    static String q(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            if (ch == '"' || ch == '\\') b.append('\\').append(ch);
            else if (ch < 0x20 || ch > 0x7e) b.append(String.format("\\u%04x", (int) ch));
            else b.append(ch);
        }
        return b.append('"').toString();
    }
}
