package com.customerarchive.command.org;

import com.customerarchive.events.org.OrgChart;
import com.customerarchive.events.org.PoolRules;

import java.util.List;

/** A public pool's setup is a change of the organisation's stream: the command other packages send for it. */
public final class PoolSetups {

    private PoolSetups() {
    }

    public static Object configure(String poolId, String name, List<String> unitCodes, PoolRules rules) {
        return new OrgCommands.ConfigurePool(OrgChart.STREAM, poolId, name, unitCodes, rules);
    }
}
