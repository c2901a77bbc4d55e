package com.customerarchive.events.org;

/** A member's position in its unit; it decides, with the unit, which customers the member sees. */
public enum Position {
    /** A sales rep: its own customers. */
    REP,
    /** 组长: the customers of its team's members. */
    TEAM_LEAD,
    /** 分公司/所 manager: the customers of its branch's members. */
    BRANCH_MANAGER,
    /** Head office: every customer. */
    HEAD,
    /** 销售内勤: enters and codes the branch's cards. */
    CLERK,
    /** Keeps the branch's ledger. */
    FINANCE
}
