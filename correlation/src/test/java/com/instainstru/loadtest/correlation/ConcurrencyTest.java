package com.instainstru.loadtest.correlation;

import static com.instainstru.loadtest.correlation.LedgerFixture.EMMA;
import static com.instainstru.loadtest.correlation.LedgerFixture.SARAH;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Several reader threads deliver the same messages at once; every count must come out exact. */
class ConcurrencyTest {

    private static final int THREADS = 4;
    private static final int STREAMS_PER_THREAD = 4;
    private static final int MESSAGES = 2_000;

    @Test
    void concurrentDeliveriesAreCountedExactly() throws Exception {
        LedgerFixture f = new LedgerFixture();
        f.ledger.setParticipants(LedgerFixture.CONVERSATION, List.of(EMMA, SARAH));
        List<List<StreamTicket>> streamsByThread = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            List<StreamTicket> own = new ArrayList<>();
            for (int s = 0; s < STREAMS_PER_THREAD; s++) {
                own.add(f.listening((s % 2 == 0 ? "emma#" : "sarah#") + t + "." + s, s % 2 == 0 ? EMMA : SARAH));
            }
            streamsByThread.add(own);
        }
        f.clock.advanceMillis(2_000);
        List<String> payloads = new ArrayList<>();
        for (int m = 0; m < MESSAGES; m++) {
            payloads.add(LedgerFixture.newMessageJson(f.send(m % 2 == 0 ? EMMA : SARAH).content()));
        }

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            List<StreamTicket> own = streamsByThread.get(t);
            results.add(pool.submit(() -> {
                List<Integer> order = new ArrayList<>();
                for (int m = 0; m < MESSAGES; m++) {
                    order.add(m);
                }
                start.await();
                int firsts = 0;
                for (int m : order) { // same order on every thread: maximum contention on one message
                    for (StreamTicket ticket : own) {
                        if (f.ledger.delivered(ticket, payloads.get(m), f.clock.nanoTime(), f.clock.epochMillis())
                                == DeliveryOutcome.FIRST) {
                            firsts++;
                        }
                    }
                    if (m % 10 == 0) {
                        f.ledger.delivered(own.get(0), payloads.get(m), f.clock.nanoTime(), f.clock.epochMillis());
                    }
                }
                return firsts;
            }));
        }
        start.countDown();
        int firsts = 0;
        for (Future<Integer> r : results) {
            firsts += r.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        assertThat(firsts).isEqualTo(MESSAGES);
        LedgerSnapshot s = f.ledger.snapshot();
        int expected = THREADS * STREAMS_PER_THREAD;
        assertThat(s.firstDeliveries()).isEqualTo(MESSAGES);
        assertThat(s.expectedDeliveries()).isEqualTo((long) MESSAGES * expected);
        assertThat(s.duplicates()).isEqualTo(MESSAGES / 10 * THREADS);
        assertThat(s.deliveries()).isEqualTo((long) MESSAGES * expected + MESSAGES / 10 * THREADS);
        assertThat(s.pending()).isZero();
        assertThat(s.outOfOrder()).isZero();

        List<LedgerRecord> records = f.drain();
        assertThat(LedgerFixture.withLabel(records, LedgerRecord.E2E_FULL_LATENCY)).hasSize(MESSAGES);
        List<LedgerRecord> fanouts = LedgerFixture.withLabel(records, LedgerRecord.E2E_FANOUT_COMPLETE);
        assertThat(fanouts).hasSize(MESSAGES).allSatisfy(r -> {
            assertThat(r.success()).isTrue();
            assertThat(r.delivered()).isEqualTo(expected);
        });
        assertThat(fanouts.stream().mapToInt(LedgerRecord::duplicates).sum()).isLessThanOrEqualTo(MESSAGES / 10 * THREADS);
    }

    @Test
    void closesRacingDeliveriesAndSendsStillAccountForEveryExpectedStream() throws Exception {
        LedgerFixture f = new LedgerFixture();
        f.ledger.setParticipants(LedgerFixture.CONVERSATION, List.of(EMMA, SARAH));
        List<StreamTicket> streams = new ArrayList<>();
        for (int s = 0; s < 32; s++) {
            streams.add(f.listening("s#" + s, s % 2 == 0 ? EMMA : SARAH));
        }
        f.clock.advanceMillis(2_000);
        List<String> payloads = new ArrayList<>();
        List<PendingSend> sends = new ArrayList<>();
        for (int m = 0; m < 300; m++) {
            PendingSend p = f.send(EMMA);
            sends.add(p);
            payloads.add(LedgerFixture.newMessageJson(p.content()));
        }
        f.clock.advanceMillis(3_000); // past the close grace: closes without the message are losses

        ExecutorService pool = Executors.newFixedThreadPool(3);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> tasks = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            int offset = t;
            tasks.add(pool.submit(() -> {
                start.await();
                for (String payload : payloads) {
                    for (int s = offset; s < streams.size(); s += 2) {
                        f.ledger.delivered(streams.get(s), payload, f.clock.nanoTime(), f.clock.epochMillis());
                    }
                }
                return null;
            }));
        }
        tasks.add(pool.submit(() -> {
            start.await();
            for (int s = 0; s < streams.size(); s += 4) {
                f.ledger.streamClosed(streams.get(s), CloseCause.SERVER_EOF, null, f.clock.nanoTime());
                f.send(SARAH); // sends snapshot while streams close
            }
            return null;
        }));
        start.countDown();
        for (Future<?> task : tasks) {
            task.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        f.clock.advanceMillis(3_000);
        f.ledger.flushAll("test ended");

        List<LedgerRecord> fanouts = LedgerFixture.withLabel(f.drain(), LedgerRecord.E2E_FANOUT_COMPLETE);
        assertThat(fanouts).isNotEmpty().allSatisfy(r -> assertThat(r.delivered() + r.lost() + r.raceMisses()
                + r.closedByClient()).as(r.message()).isEqualTo(r.expected()));
        assertThat(fanouts.stream().filter(r -> sends.stream().anyMatch(p -> p.token().equals(r.token()))))
                .hasSize(sends.size()).allSatisfy(r -> assertThat(r.expected()).isEqualTo(32));
        LedgerSnapshot s = f.ledger.snapshot();
        assertThat(s.pending()).isZero();
        assertThat(s.tracked()).isZero();
        assertThat(s.streamsOpen()).isEqualTo(24);
        assertThat(s.expectedDeliveries() + s.lost() + s.raceMisses() + s.closedByClient())
                .isEqualTo(fanouts.stream().mapToLong(LedgerRecord::expected).sum());
    }
}
