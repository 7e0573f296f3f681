package io.documind.document.limits;

import io.documind.kit.web.ProblemException;
import io.micronaut.http.HttpStatus;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ListSlotsTest {

    private static ListSlots slots(int perOrganization) {
        DocumentLimitSettings settings = new DocumentLimitSettings();
        settings.setConcurrentListsPerOrganization(perOrganization);
        return new ListSlots(settings);
    }

    @Test
    void oneMoreThanTheOrganizationsSlotsIsRefusedWith429AndOtherOrganizationsAreNotTouched() {
        ListSlots slots = slots(2);
        ListSlots.Slot first = slots.take("a");
        slots.take("a");
        ProblemException refused = assertThrows(ProblemException.class, () -> slots.take("a"));
        assertEquals(HttpStatus.TOO_MANY_REQUESTS, refused.status());
        assertEquals(1L, refused.retryAfterSeconds());
        assertEquals(2, slots.running("a"), "a refusal takes no slot");

        slots.take("b");
        slots.take("b");
        assertEquals(2, slots.running("b"));

        first.close();
        slots.take("a");
        assertEquals(2, slots.running("a"));
    }

    @Test
    void aSlotClosedTwiceGivesBackOneAndAnOrganizationWithNothingRunningHoldsNoEntry() {
        ListSlots slots = slots(3);
        ListSlots.Slot one = slots.take("a");
        ListSlots.Slot two = slots.take("a");
        one.close();
        one.close();
        assertEquals(1, slots.running("a"));
        two.close();
        assertEquals(0, slots.running("a"));
    }

    @Test
    void aSlotIsGivenBackWhenItsWorkFails() {
        ListSlots slots = slots(1);
        assertThrows(IllegalStateException.class, () -> {
            try (ListSlots.Slot running = slots.take("a")) {
                throw new IllegalStateException("the search failed");
            }
        });
        assertEquals(0, slots.running("a"));
        slots.take("a").close();
    }

    @Test
    void takersRacingNeverHoldMoreThanTheSlots() throws Exception {
        int perOrganization = 3;
        ListSlots slots = slots(perOrganization);
        AtomicInteger holding = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> takers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                takers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 20_000; i++) {
                        try (ListSlots.Slot running = slots.take("a")) {
                            most.accumulateAndGet(holding.incrementAndGet(), Math::max);
                            holding.decrementAndGet();
                        } catch (ProblemException refused) {
                            // another taker holds the slots; try again
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> taker : takers) {
                taker.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, slots.running("a"), "every slot given back");
        assertTrue(most.get() <= perOrganization, "at most " + perOrganization + " at once, saw " + most.get());
    }

    @Test
    void noSlotIsNoSetting() {
        assertThrows(IllegalArgumentException.class, () -> slots(0));
    }
}
