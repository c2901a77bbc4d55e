package com.customerarchive.query.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;

@RestController
@RequestMapping("/api/admin/projections")
@Tag(name = "admin", description = "Projection status and replay (ADMIN)")
class ProjectionController {

    private final Projections projections;

    ProjectionController(Projections projections) {
        this.projections = projections;
    }

    @GetMapping
    @Operation(summary = "Every projection: running, replaying, position, head of the store and lag")
    List<Projections.Status> all() {
        return projections.names().stream().map(projections::status).toList();
    }

    @GetMapping("/{name}")
    Projections.Status one(@PathVariable String name) {
        return projections.status(name);
    }

    @PostMapping("/{name}/replay")
    @Operation(summary = "Rebuild a projection from the first event", description = "202 at once; the projection is "
            + "cleared and refilled while the app keeps serving. Follow it at GET /api/admin/projections/{name}.")
    ResponseEntity<Projections.Status> replay(@PathVariable String name) {
        Projections.Status before = projections.status(name);
        projections.replay(name);
        return ResponseEntity.accepted().location(URI.create("/api/admin/projections/" + name)).body(before);
    }
}
