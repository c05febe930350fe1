import java.util.ArrayList;
import java.util.List;
import java.util.Random;

// Prints crates/kplay-core/tests/data/java-coordinator-vectors.json: Java's own String.hashCode for ~200 group ids
// and the __consumer_offsets partition Kafka's rule gives them, abs(hashCode) % partitions, where
// Integer.MIN_VALUE counts as 0 (Kafka's Utils.abs) -- unlike Math.abs, which is printed alongside to show why.
public class CoordinatorVectors {
    static final int[] COUNTS = {50, 1, 3, 7, 64, 100, 2147483647};

    public static void main(String[] args) {
        List<String> ids = new ArrayList<>();
        String[] fixed = {
            "", "a", "Aa", "BB", "my-group", "polygenelubricants", "GydZG_", "DESIGNING WORKHOUSES",
            "order-service", "payment-service", "inventory-consumers", "console-consumer-12345",
            "spring-kafka-group", "\uc8fc\ubb38-\uadf8\ub8f9", "\uacb0\uc81c\uc11c\ube44\uc2a4",
            "\uD83D\uDE80-group", "group-\uD83D\uDE00\uD83D\uDE00", "\uD83D\uDE00", "\uFF21", "\uD7FF\uE000",
            " leading space", "tab\there", "line\\back", "quote\"d",
        };
        for (String s : fixed) ids.add(s);
        for (int i = 1; i <= 30; i++) ids.add("consumer-orders-" + i);
        for (int i = 1; i <= 10; i++) ids.add("order-consumer-group-" + i);
        Random r = new Random(20261130L);
        while (ids.size() < 210) {
            int len = r.nextInt(24);
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < len; i++) {
                int kind = r.nextInt(4);
                if (kind == 0) b.appendCodePoint(0xAC00 + r.nextInt(0xD7A4 - 0xAC00)); // Hangul syllable
                else if (kind == 1) b.appendCodePoint(0x1F300 + r.nextInt(0x700)); // emoji plane: two units
                else b.append((char) (0x21 + r.nextInt(0x5e))); // printable ASCII
            }
            ids.add(b.toString());
        }
        StringBuilder out = new StringBuilder("{\"counts\":[");
        for (int i = 0; i < COUNTS.length; i++) out.append(i == 0 ? "" : ",").append(COUNTS[i]);
        out.append("],\"cases\":[\n");
        for (int i = 0; i < ids.size(); i++) {
            String s = ids.get(i);
            int h = s.hashCode();
            int abs = h == Integer.MIN_VALUE ? 0 : Math.abs(h);
            out.append(i == 0 ? "" : ",\n").append("{\"group_id\":").append(q(s)).append(",\"utf16_units\":").append(s.length())
                .append(",\"hash_code\":").append(h).append(",\"math_abs\":").append(Math.abs(h)).append(",\"partitions\":[");
            for (int k = 0; k < COUNTS.length; k++) out.append(k == 0 ? "" : ",").append(abs % COUNTS[k]);
            out.append("]}");
        }
        out.append("\n]}");
        System.out.println(out);
    }

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
