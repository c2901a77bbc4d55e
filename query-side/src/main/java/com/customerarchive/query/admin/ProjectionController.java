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
        return projections.all();
    }

    @GetMapping("/{name}")
    Projections.Status one(@PathVariable String name) {
        return projections.status(name);
    }

    @PostMapping("/{name}/replay")
    @Operation(summary = "Rebuild a projection (or all) from the first event into new tables", description = "202 at "
            + "once; reads keep answering from the old tables, which are swapped out in one transaction once the new "
            + "ones have caught up. {name} = all rebuilds every read model in one pass. Follow it at "
            + "GET /api/admin/projections/{name}.")
    ResponseEntity<List<Projections.Status>> replay(@PathVariable String name) {
        List<String> names = projections.replay(name);
        return ResponseEntity.accepted()
                .location(URI.create("/api/admin/projections" + ("all".equals(name) ? "" : "/" + name)))
                .body(names.stream().map(projections::status).toList());
    }
}
