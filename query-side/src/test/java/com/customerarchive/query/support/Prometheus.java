package com.customerarchive.query.support;

import com.customerarchive.testsupport.Api;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A meter's value as an app's {@code /actuator/prometheus} shows it now; -1 when it is not there. */
public final class Prometheus {

    private Prometheus() {
    }

    /** The first sample of {@code name}, whatever its labels. */
    public static double value(Api app, String name) {
        return value(app, name, "");
    }

    /** The sample of {@code name} whose labels include {@code label="value"}. */
    public static double value(Api app, String name, String label, String value) {
        return value(app, name, "[^}]*" + label + "=\"" + Pattern.quote(value) + "\"");
    }

    private static double value(Api app, String name, String labels) {
        Matcher sample = Pattern.compile("(?m)^" + name + (labels.isEmpty() ? "(?:\\{[^}]*})?" : "\\{" + labels + "[^}]*}")
                + " ([0-9.E+-]+)$").matcher(app.get("/actuator/prometheus", null).raw().body());
        return sample.find() ? Double.parseDouble(sample.group(1)) : -1;
    }
}
