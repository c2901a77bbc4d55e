package com.customerarchive.command.customer;

import java.util.List;

/** The outcome of a card edit: the version after it and the paths of the fields it changed. */
public record CardEdit(long version, List<String> changed) {
}
