// kplay helper (not Kafka code): AdminUtils draws its start index and replica shift from the package-private
// AdminUtils.RAND; seeding it lets PlacementVectors record which values Kafka drew, so the vectors also cover a
// shift different from the start index (a fixed start index sets both to the same value).
package org.apache.kafka.admin;

public class SeedAdminUtils {
    public static void seed(long seed) { AdminUtils.RAND.setSeed(seed); }
}
