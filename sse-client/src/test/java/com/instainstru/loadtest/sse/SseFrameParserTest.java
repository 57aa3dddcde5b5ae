package com.instainstru.loadtest.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/** The event-loop parser on its own, fed the same bytes in every possible split. */
class SseFrameParserTest {

    /** Everything the parser reported, one line per callback. */
    private static final class Recorder implements SseFrameParser.Sink {
        final List<String> seen = new ArrayList<>();

        @Override
        public void onEvent(String eventName, String data, String lastEventId, int wireBytes) {
            seen.add("event " + eventName + " id=" + lastEventId + " bytes=" + wireBytes + " data=" + data);
        }

        @Override
        public void onComment(String text, int wireBytes) {
            seen.add("comment " + text + " bytes=" + wireBytes);
        }

        @Override
        public void onRetry(long millis) {
            seen.add("retry " + millis);
        }

        @Override
        public void onEventTooLarge(long limit, long seenBytes) {
            seen.add("too large limit=" + limit + " seen=" + seenBytes);
        }
    }

    @Test
    void anEventPastTheLimitIsReportedOnceAndNothingAfterIt() {
        Recorder r = new Recorder();
        SseFrameParser parser = new SseFrameParser(r, null, 20);
        parser.feed(io.netty.buffer.Unpooled.copiedBuffer("data: 0123456789\n\n: a comment of 19\n",
                java.nio.charset.StandardCharsets.UTF_8));
        parser.feed(io.netty.buffer.Unpooled.copiedBuffer("data: 0123\ndata: 01",
                java.nio.charset.StandardCharsets.UTF_8)); // 11 + 8 = 19: still within
        assertThat(parser.midEvent()).isTrue();
        parser.feed(io.netty.buffer.Unpooled.copiedBuffer("23", java.nio.charset.StandardCharsets.UTF_8));
        parser.feed(io.netty.buffer.Unpooled.copiedBuffer("\n\ndata: x\n\n", java.nio.charset.StandardCharsets.UTF_8));
        assertThat(r.seen).containsExactly("event message id=null bytes=18 data=0123456789",
                "comment a comment of 19 bytes=18", "too large limit=20 seen=21");
    }

    @Test
    void oneEndlessLineIsCutAtTheLimitWithoutBufferingMore() {
        Recorder r = new Recorder();
        SseFrameParser parser = new SseFrameParser(r, null, 1000);
        for (int i = 0; i < 100; i++) {
            parser.feed(io.netty.buffer.Unpooled.copiedBuffer("x".repeat(100), java.nio.charset.StandardCharsets.UTF_8));
        }
        assertThat(r.seen).containsExactly("too large limit=1000 seen=1100");
    }

    private static final String BACKEND = "\uFEFFid: 01J\r\nevent: new_message\r\ndata: {\"content\": \"h\u00e9llo\"}\r\n\r\n"
            + ": keepalive\r\n"
            + "data: a\ndata: b\n\n"
            + "retry: 1500\r\nretry: 15x\r\n"
            + "id: bad\u0000id\revent\rdata\r\r"
            + "event: only-a-name\r\n\r\n"
            + "data: after\r\n\r\n"
            + "data: partial at end";

    private static List<String> parse(byte[] bytes, int... cuts) {
        Recorder recorder = new Recorder();
        SseFrameParser parser = new SseFrameParser(recorder, null);
        int from = 0;
        for (int cut : cuts) {
            feed(parser, bytes, from, cut);
            from = cut;
        }
        feed(parser, bytes, from, bytes.length);
        return recorder.seen;
    }

    private static void feed(SseFrameParser parser, byte[] bytes, int from, int to) {
        ByteBuf buf = Unpooled.wrappedBuffer(bytes, from, to - from);
        parser.feed(buf);
        assertThat(buf.readerIndex()).as("feed does not consume the caller's buffer").isZero();
    }

    @Test
    void backendFramingAndEveryRuleOfTheSpec() {
        List<String> seen = parse(BACKEND.getBytes(StandardCharsets.UTF_8));
        assertThat(seen).containsExactly(
                "event new_message id=01J bytes=" + "id: 01J\r\nevent: new_message\r\ndata: {\"content\": \"h\u00e9llo\"}\r\n\r\n"
                        .getBytes(StandardCharsets.UTF_8).length + " data={\"content\": \"h\u00e9llo\"}",
                "comment keepalive bytes=13",
                "event message id=01J bytes=17 data=a\nb",
                "retry 1500",
                // "id" with NUL ignored, a field without colon has an empty value, "event" empty means "message"
                "event message id=01J bytes=48 data=", // the retry lines count with it
                "event message id=01J bytes=15 data=after");
    }

    @Test
    void everyTwoWaySplitGivesTheSameResult() {
        byte[] bytes = BACKEND.getBytes(StandardCharsets.UTF_8);
        List<String> whole = parse(bytes);
        for (int cut = 1; cut < bytes.length; cut++) {
            List<String> split = parse(bytes, cut);
            // a CRLF split between reads moves one byte of wire size to the next event; nothing else differs
            assertThat(withoutSizes(split)).as("split at %d", cut).isEqualTo(withoutSizes(whole));
        }
    }

    @Test
    void oneByteAtATimeGivesTheSameResult() {
        byte[] bytes = BACKEND.getBytes(StandardCharsets.UTF_8);
        int[] cuts = new int[bytes.length - 1];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = i + 1;
        }
        assertThat(withoutSizes(parse(bytes, cuts))).isEqualTo(withoutSizes(parse(bytes)));
    }

    @Test
    void theInitialLastEventIdIsKeptUntilTheServerSendsOne() {
        Recorder recorder = new Recorder();
        SseFrameParser parser = new SseFrameParser(recorder, "41");
        parser.feed(Unpooled.copiedBuffer("data: x\n\n", StandardCharsets.UTF_8));
        assertThat(recorder.seen).containsExactly("event message id=41 bytes=9 data=x");
        parser.feed(Unpooled.copiedBuffer("id\n\n", StandardCharsets.UTF_8));
        assertThat(parser.lastEventId()).as("an empty id resets it (spec)").isEmpty();
    }

    private static final String IDS = "id: 1\ndata: a\n\n"
            + "id: 2\nevent: new_message\ndata: b\n\n"
            + "data: c\n\n"                            // no id line: the last one goes on
            + "event: other\nid: 3\n\n"                 // no data: nothing dispatched, but the id is taken
            + "data: d\ndata: e\n\n"
            + "id: " + "9".repeat(10_000) + "\ndata: f\n\n" // a huge id, then a small one replaces it
            + "id: \u00e9\ndata: g\n\n"
            + "id\ndata: h\n\n";                          // an empty id resets it to ""

    @Test
    void theLastIdFollowsEveryIdLineWhetherOrNotTheEventCarriesOne() {
        byte[] bytes = IDS.getBytes(StandardCharsets.UTF_8);
        List<String> expected = List.of("event message id=1 data=a", "event new_message id=2 data=b",
                "event message id=2 data=c", "event message id=3 data=d\ne",
                "event message id=" + "9".repeat(10_000) + " data=f", "event message id=\u00e9 data=g",
                "event message id= data=h");
        for (int cut = 0; cut < bytes.length; cut++) {
            Recorder recorder = new Recorder();
            SseFrameParser parser = new SseFrameParser(recorder, "0");
            feed(parser, bytes, 0, cut);
            feed(parser, bytes, cut, bytes.length);
            assertThat(withoutSizes(recorder.seen)).as("split at %d", cut).isEqualTo(expected);
            assertThat(parser.lastEventId()).as("split at %d", cut).isEmpty();
        }
    }

    @Test
    void eachEventSeesTheIdOfItsTimeAndLastEventIdMatchesIt() {
        Recorder recorder = new Recorder();
        SseFrameParser parser = new SseFrameParser(recorder, "41");
        assertThat(parser.lastEventId()).isEqualTo("41");
        parser.feed(Unpooled.copiedBuffer("id: 42\ndata: x\n\n", StandardCharsets.UTF_8));
        assertThat(parser.lastEventId()).isEqualTo("42");
        parser.feed(Unpooled.copiedBuffer("data: y\n\nid: 43\n", StandardCharsets.UTF_8));
        assertThat(parser.lastEventId()).as("an id line counts before its event ends").isEqualTo("43");
        parser.feed(Unpooled.copiedBuffer("data: z\n\n", StandardCharsets.UTF_8));
        assertThat(withoutSizes(recorder.seen)).containsExactly("event message id=42 data=x",
                "event message id=42 data=y", "event message id=43 data=z");
    }

    @Test
    void aLongLineSplitAcrossManyReadsArrivesWhole() {
        String big = "y".repeat(200_000);
        byte[] bytes = ("data: " + big + "\n\n").getBytes(StandardCharsets.UTF_8);
        int[] cuts = new int[40];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = (i + 1) * 5_000;
        }
        assertThat(parse(bytes, cuts)).containsExactly("event message id=null bytes=" + bytes.length + " data=" + big);
    }

    private static List<String> withoutSizes(List<String> seen) {
        return seen.stream().map(s -> s.replaceAll(" bytes=\\d+", "")).toList();
    }
}
