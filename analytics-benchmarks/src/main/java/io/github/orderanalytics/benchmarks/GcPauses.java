package io.github.orderanalytics.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The longest garbage collection a scenario saw, from the JVM's own notifications: a slow call is
 * a matter of luck (was the caller in a call when the pause came?), the pause is not.
 */
final class GcPauses {
    private final AtomicLong longestMillis = new AtomicLong();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::seen;

    private GcPauses() {}

    static GcPauses start() {
        GcPauses pauses = new GcPauses();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(pauses.listener, null, null);
                pauses.emitters.add(emitter);
            }
        }
        return pauses;
    }

    private void seen(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        // G1 and Parallel report their pauses; a concurrent collector's cycle ("G1 Concurrent GC", ZGC
        // "Cycles") is not a pause.
        if (!info.getGcName().contains("Concurrent") && !info.getGcName().contains("Cycles")) {
            longestMillis.accumulateAndGet(info.getGcInfo().getDuration(), Math::max);
        }
    }

    /** Stops listening; the longest pause seen, in milliseconds. */
    long stop() {
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(listener);
            } catch (ListenerNotFoundException e) {
                // never added: nothing to remove
            }
        }
        return longestMillis.get();
    }
}
