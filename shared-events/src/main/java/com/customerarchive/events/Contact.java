package com.customerarchive.events;


/** A person at the customer and the part they play in a decision (决策信息). */
public record Contact(@PersonalData String name, ContactRole role, String title, @PersonalData String phone,
                      @PersonalData String notes) {
}
