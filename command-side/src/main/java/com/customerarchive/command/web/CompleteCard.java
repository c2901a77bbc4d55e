package com.customerarchive.command.web;

/** Validation group of what a whole card needs (its name) but a partial edit may leave out. */
public interface CompleteCard {
}
