package com.customerarchive.query.console;

import com.customerarchive.platform.security.Role;
import com.customerarchive.platform.security.Roles;
import com.customerarchive.platform.time.BusinessZone;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

import java.util.List;

/**
 * The web console's frame: its page (static, in resources/static/console), where command-side answers, and who the
 * signed-in user is. The credentials stay in the page's memory and go as HTTP Basic with every call.
 */
@Controller
@Tag(name = "console", description = "What the web console at /console/ asks before it shows anything")
class ConsoleController {

    private final String commandSideUrl;
    private final BusinessZone zone;

    ConsoleController(@Value("${archive.console.command-side-url}") String commandSideUrl, BusinessZone zone) {
        this.commandSideUrl = commandSideUrl;
        this.zone = zone;
    }

    /** Where command-side answers, and the business zone the console shows times and dates in. */
    record ConsoleConfig(String commandSideUrl, String zone) {
    }

    record Me(String user, List<String> roles) {
    }

    /** The app's address leads to the console, without asking for credentials (the console asks). */
    @Hidden
    @GetMapping("/")
    String home() {
        return "redirect:/console/";
    }

    @Hidden
    @GetMapping({"/console", "/console/"})
    String page() {
        return "forward:/console/index.html";
    }

    @Hidden
    @GetMapping("/console/config")
    @ResponseBody
    ConsoleConfig config() {
        return new ConsoleConfig(commandSideUrl, zone.zone().getId());
    }

    @GetMapping("/api/me")
    @ResponseBody
    @Operation(summary = "Who the credentials belong to and the roles they carry", description = "The console signs "
            + "in with it.")
    Me me(Authentication user) {
        return new Me(user.getName(), Roles.of(user).stream().map(Role::name).sorted().toList());
    }
}
