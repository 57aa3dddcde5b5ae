package com.instainstru.loadtest.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.Test;

/** Netty's leak detector costs a stack trace per tracked read on the loop: off unless its property asks for it. */
class NettyLeakDetectionTest {

    @Test
    void theLeakDetectorIsOffUnlessItsPropertyIsSet() {
        assumeThat(System.getProperty(NettySseConnector.LEAK_DETECTION_PROPERTY))
                .as("a run that sets the property chose its own level").isNull();

        NettySseConnector connector = new NettySseConnector(1);
        try {
            assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.DISABLED);
        } finally {
            connector.close();
        }
    }
}
