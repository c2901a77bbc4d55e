package com.customerarchive.query.feed;

import com.customerarchive.platform.web.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.UUID;

@RestController
@RequestMapping("/api/events")
@Tag(name = "events", description = "Every event of the archive, in order, resumable from a position (INTEGRATOR, ADMIN)")
class FeedController {

    private final FeedRepository feed;
    private final FeedSubscriptions subscriptions;
    private final JsonMapper json;

    FeedController(FeedRepository feed, FeedSubscriptions subscriptions, JsonMapper json) {
        this.feed = feed;
        this.subscriptions = subscriptions;
        this.json = json;
    }

    record Page(List<JsonNode> events, long next) {
    }

    @GetMapping
    @Operation(summary = "A page of the feed after a position", description = "Events in position order as "
            + "CloudEvents; next is the position to ask after for the following page. limit 1–1000 (default 100); "
            + "type (e.g. customerarchive.VisitRecorded) and customerId filter without reordering.")
    Page page(@RequestParam(defaultValue = "0") long after, @RequestParam(defaultValue = "100") int limit,
              @RequestParam(required = false) String type, @RequestParam(required = false) UUID customerId) {
        if (after < 0) {
            throw new InvalidRequestException("after", "must be a position, 0 or more");
        }
        if (limit < 1 || limit > 1000) {
            throw new InvalidRequestException("limit", "must be from 1 to 1000");
        }
        String shortType = type == null || type.isBlank() ? null
                : type.startsWith(FeedRepository.TYPE_PREFIX) ? type.substring(FeedRepository.TYPE_PREFIX.length()) : type;
        long head = feed.head();
        List<FeedRepository.Entry> entries = feed.page(after, limit, shortType, customerId);
        long next = entries.isEmpty() ? after : entries.get(entries.size() - 1).position();
        if (entries.size() < limit && (shortType != null || customerId != null)) {
            next = Math.max(next, head);
        }
        return new Page(entries.stream().map(entry -> json.readTree(entry.cloudEvent())).toList(), next);
    }

    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "The live feed as Server-Sent Events", description = "Catches up from Last-Event-ID (or "
            + "after) and goes on live: id = position, event = type, data = the CloudEvent. Heartbeat comments "
            + "while idle; retry advice 3 s. Reconnect with the last id you processed.")
    SseEmitter stream(@RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
                      @RequestParam(required = false) Long after) {
        long from;
        if (lastEventId != null && !lastEventId.isBlank()) {
            try {
                from = Long.parseLong(lastEventId.trim());
            } catch (NumberFormatException e) {
                throw new InvalidRequestException("Last-Event-ID", "must be a feed position");
            }
        } else {
            from = after == null ? 0 : after;
        }
        if (from < 0) {
            throw new InvalidRequestException("after", "must be a position, 0 or more");
        }
        return subscriptions.subscribe(from);
    }
}
