package com.customerarchive.query.profile;

import com.customerarchive.query.web.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

@RestController
@RequestMapping("/api/profiles")
@Tag(name = "profiles", description = "Current profiles of the customers")
class ProfileController {

    private final ProfileRepository profiles;

    ProfileController(ProfileRepository profiles) {
        this.profiles = profiles;
    }

    @GetMapping("/{customerId}")
    @Operation(summary = "A customer's current profile")
    ProfileView profile(@PathVariable UUID customerId) {
        return profiles.find(customerId).orElseThrow(() -> NotFoundException.customer(customerId));
    }
}
