package com.instainstru.loadtest.correlation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

/**
 * Micro benchmark of the hot path (not a unit test, no JMH): reader threads call {@link DeliveryLedger#delivered}
 * for every stream of a full fan-out, as the SSE readers of one engine would. Prints ns per delivery.
 * <p>
 * Run: {@code java -cp correlation/target/classes:correlation/target/test-classes
 * com.instainstru.loadtest.correlation.DeliveryLedgerBench [streams] [readerThreads] [messages]}
 * (defaults 10000 streams, 2 threads, 300 messages = 3,000,000 deliveries per measured round).
 */
public final class DeliveryLedgerBench {

    private static final String CONVERSATION = "01JBENCHCONVERSATION000000";

    private DeliveryLedgerBench() {
    }

    public static void main(String[] args) throws Exception {
        int streams = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int messages = args.length > 2 ? Integer.parseInt(args[2]) : 300;

        DeliveryLedger ledger = new DeliveryLedger(LedgerSettings.builder().pendingTimeout(Duration.ofSeconds(60)).build(),
                NanoClock.SYSTEM, WallClock.SYSTEM);
        ledger.setParticipants(CONVERSATION, List.of("emma", "sarah"));
        List<List<StreamTicket>> perThread = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            perThread.add(new ArrayList<>());
        }
        long before = System.nanoTime() - TimeUnit.SECONDS.toNanos(5); // listening long before any send
        for (int s = 0; s < streams; s++) {
            StreamTicket ticket = ledger.streamOpened((s % 2 == 0 ? "emma#" : "sarah#") + s, s % 2 == 0 ? "emma" : "sarah");
            ledger.streamListening(ticket, before);
            perThread.get(s % threads).add(ticket);
        }
        System.out.printf("streams=%d readerThreads=%d messages/round=%d deliveries/round=%d, available cores=%d%n",
                streams, threads, messages, (long) streams * messages, Runtime.getRuntime().availableProcessors());
        for (int round = 1; round <= 4; round++) {
            runRound(ledger, perThread, messages, round <= 1 ? "warm-up" : "round " + (round - 1));
        }
        System.out.println(ledger.snapshot());
    }

    private static void runRound(DeliveryLedger ledger, List<List<StreamTicket>> perThread, int messages, String name)
            throws Exception {
        List<String> payloads = new ArrayList<>(messages);
        long sendStart = System.nanoTime();
        for (int m = 0; m < messages; m++) {
            PendingSend p = ledger.beginSend(CONVERSATION, m % 2 == 0 ? "emma" : "sarah", "t" + (m % 50));
            payloads.add("{\"message\": {\"id\": \"01JBENCH\", \"content\": \"" + p.content()
                    + "\", \"sender_id\": \"01JU\", \"sender_name\": \"Emma J.\", \"booking_id\": null, "
                    + "\"created_at\": \"2026-11-27T09:00:00.000000+00:00\", \"delivered_at\": null, \"edited_at\": null, "
                    + "\"reactions\": [], \"message_type\": \"user\"}, \"conversation_id\": \"" + CONVERSATION
                    + "\", \"sender_id\": \"01JU\", \"recipient_ids\": [\"01JA\", \"01JB\"], \"message_type\": \"user\", "
                    + "\"is_mine\": false}");
        }
        long sendNanos = System.nanoTime() - sendStart;

        CyclicBarrier barrier = new CyclicBarrier(perThread.size() + 1);
        List<Thread> readers = new ArrayList<>();
        long[] perThreadNanos = new long[perThread.size()];
        for (int t = 0; t < perThread.size(); t++) {
            List<StreamTicket> own = perThread.get(t);
            int index = t;
            Thread reader = new Thread(() -> {
                try {
                    barrier.await();
                    long start = System.nanoTime();
                    for (String payload : payloads) {
                        for (StreamTicket ticket : own) {
                            ledger.delivered(ticket, payload, System.nanoTime(), System.currentTimeMillis());
                        }
                    }
                    perThreadNanos[index] = System.nanoTime() - start;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "bench-reader-" + t);
            reader.start();
            readers.add(reader);
        }
        long start = System.nanoTime();
        barrier.await();
        for (Thread reader : readers) {
            reader.join(TimeUnit.MINUTES.toMillis(5));
        }
        long wall = System.nanoTime() - start;
        long deliveries = 0;
        long threadNanos = 0;
        for (int t = 0; t < perThread.size(); t++) {
            deliveries += (long) perThread.get(t).size() * messages;
            threadNanos += perThreadNanos[t];
        }
        int drained = 0;
        while (ledger.pollNow() != null) {
            drained++;
        }
        ledger.flushAll("bench round over"); // frees the completed messages kept for stragglers
        System.out.printf("%-8s delivered(): %.0f ns/op per reader thread, %.0f deliveries/s aggregate; "
                        + "beginSend with %d expected streams: %.1f us/op; records drained %d%n",
                name, (double) threadNanos / deliveries, deliveries / (wall / 1e9),
                perThread.stream().mapToInt(List::size).sum(), sendNanos / 1e3 / messages, drained);
    }
}
