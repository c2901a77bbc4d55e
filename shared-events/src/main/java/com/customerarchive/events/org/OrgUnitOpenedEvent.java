package com.customerarchive.events.org;

/** A unit opened: the company (no parent), a branch (分公司/所) or a team (组) under its parent. */
public record OrgUnitOpenedEvent(String code, String name, String parentCode) implements OrganisationEvent {
}
