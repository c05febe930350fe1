import java.util.*;

// Prints crates/kplay-core/tests/data/java-hash-order.json: real java.util.HashMap iteration orders and
// HashSet first elements, which the sticky assignors' Java-order model is tested against.
// Regenerate: javac JavaHashOrder.java && java JavaHashOrder > ../java-hash-order.json (JDK 17)
public class JavaHashOrder {
    static final class TP {
        final String topic; final int partition;
        TP(String t, int p) { topic = t; partition = p; }
        @Override public int hashCode() { return 31 * (31 + partition) + topic.hashCode(); }
        @Override public boolean equals(Object o) { return o instanceof TP && ((TP) o).partition == partition && ((TP) o).topic.equals(topic); }
    }
    static String q(String s) { return "\"" + s + "\""; }
    public static void main(String[] a) {
        Random r = new Random(20261125L);
        StringBuilder out = new StringBuilder("{\"maps\":[");
        String[] pool = {"Aa", "BB", "C#", "consumer-1", "consumer-2", "consumer-10", "consumer-11", "zz", "a", "b"};
        for (int c = 0; c < 60; c++) {
            int n = c < 20 ? 1 + r.nextInt(12) : 1 + r.nextInt(300);
            LinkedHashSet<String> keys = new LinkedHashSet<>();
            while (keys.size() < n) {
                int kind = r.nextInt(4);
                String k = kind == 0 ? pool[r.nextInt(pool.length)] + (c % 3 == 0 ? "" : "-" + r.nextInt(50))
                    : kind == 1 ? "consumer-" + r.nextInt(1000)
                    : kind == 2 ? "client-" + UUID.nameUUIDFromBytes(new byte[]{(byte) r.nextInt(), (byte) r.nextInt()})
                    : "m" + r.nextInt(100000);
                keys.add(k);
            }
            // Some cases: nine keys sharing a bucket at capacity 16 but with different hashes.
            if (c % 10 == 9) {
                keys.clear();
                int want = 9 + r.nextInt(4);
                for (int i = 0; keys.size() < want; i++) {
                    String k = "k" + i;
                    int h = k.hashCode(); h ^= h >>> 16;
                    if ((h & 15) == 5) keys.add(k);
                }
            }
            HashMap<String, Integer> m = new HashMap<>();
            for (String k : keys) m.put(k, 0);
            out.append(c == 0 ? "" : ",").append("{\"insert\":[");
            int i = 0; for (String k : keys) out.append(i++ == 0 ? "" : ",").append(q(k));
            out.append("],\"order\":[");
            i = 0; for (String k : m.keySet()) out.append(i++ == 0 ? "" : ",").append(q(k));
            out.append("]}");
        }
        out.append("],\"sets\":[");
        for (int c = 0; c < 40; c++) {
            HashSet<TP> s = new HashSet<>();
            List<TP> present = new ArrayList<>();
            String[] topics = {"t0", "topic", "orders", "Aa", "BB"};
            int ops = 5 + r.nextInt(120);
            out.append(c == 0 ? "" : ",").append("[");
            for (int o = 0; o < ops; o++) {
                boolean add = present.isEmpty() || r.nextInt(3) != 0;
                String op; TP tp;
                if (add) { tp = new TP(topics[r.nextInt(topics.length)], r.nextInt(c < 20 ? 20 : 600)); if (s.add(tp)) present.add(tp); op = "add"; }
                else { tp = present.remove(r.nextInt(present.size())); s.remove(tp); op = "remove"; }
                TP first = s.isEmpty() ? null : s.iterator().next();
                out.append(o == 0 ? "" : ",").append("[").append(q(op)).append(",").append(q(tp.topic)).append(",").append(tp.partition)
                   .append(",").append(first == null ? "null" : "[" + q(first.topic) + "," + first.partition + "]").append("]");
            }
            out.append("]");
        }
        out.append("]}");
        System.out.println(out);
    }
}
