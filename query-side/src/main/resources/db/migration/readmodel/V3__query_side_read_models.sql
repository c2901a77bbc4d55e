-- The profile read model now keeps the folded state; drop the first shape and let "profiles" rebuild it.
DROP TABLE profile;
DELETE FROM token_entry WHERE processor_name = 'profiles';

CREATE TABLE profile (
    customer_id       UUID         NOT NULL PRIMARY KEY,
    version           BIGINT       NOT NULL,
    grade             VARCHAR(1)   NOT NULL,
    owner_id          VARCHAR(64)  NOT NULL,
    tier              VARCHAR(20)  NOT NULL,
    nature            VARCHAR(20)  NOT NULL,
    status            VARCHAR(10)  NOT NULL,
    name              VARCHAR(200),
    city              VARCHAR(100),
    registered_at     TIMESTAMPTZ  NOT NULL,
    last_contact_at   TIMESTAMPTZ,
    updated_at        TIMESTAMPTZ  NOT NULL,
    state             JSONB        NOT NULL
);
CREATE INDEX profile_grade ON profile (grade);
CREATE INDEX profile_owner ON profile (owner_id);
CREATE INDEX profile_city ON profile (city);
CREATE INDEX profile_updated ON profile (updated_at);
CREATE INDEX profile_name ON profile (lower(name));

-- Every event of every customer, in stream order, with who, when, why and what changed.
CREATE TABLE history_event (
    customer_id    UUID         NOT NULL,
    sequence       BIGINT       NOT NULL,
    type           VARCHAR(64)  NOT NULL,
    occurred_at    TIMESTAMPTZ  NOT NULL,
    recorded_at    TIMESTAMPTZ  NOT NULL,
    actor          VARCHAR(64),
    correlation_id VARCHAR(64),
    data           JSONB        NOT NULL,
    changes        JSONB        NOT NULL,
    PRIMARY KEY (customer_id, sequence)
);

-- One row per changed field of the profile, for the field-change timeline.
CREATE TABLE field_change (
    customer_id UUID         NOT NULL,
    sequence    BIGINT       NOT NULL,
    field       VARCHAR(200) NOT NULL,
    occurred_at TIMESTAMPTZ  NOT NULL,
    actor       VARCHAR(64),
    from_value  JSONB,
    to_value    JSONB,
    PRIMARY KEY (customer_id, sequence, field)
);
CREATE INDEX field_change_field ON field_change (customer_id, field, occurred_at);

-- The grade timeline: the registration's grade, then every change.
CREATE TABLE grade_change (
    customer_id UUID        NOT NULL,
    sequence    BIGINT      NOT NULL,
    occurred_at TIMESTAMPTZ NOT NULL,
    from_grade  VARCHAR(1),
    to_grade    VARCHAR(1)  NOT NULL,
    reason      VARCHAR(2000),
    actor       VARCHAR(64),
    PRIMARY KEY (customer_id, sequence)
);
CREATE INDEX grade_change_time ON grade_change (occurred_at, customer_id);

-- Who is due for a follow-up: overdue is computed at query time from these dates and the cadences.
CREATE TABLE follow_up (
    customer_id       UUID        NOT NULL PRIMARY KEY,
    version           BIGINT      NOT NULL,
    owner_id          VARCHAR(64) NOT NULL,
    grade             VARCHAR(1)  NOT NULL,
    status            VARCHAR(10) NOT NULL,
    name              VARCHAR(200),
    registered_at     TIMESTAMPTZ NOT NULL,
    last_contact_at   TIMESTAMPTZ,
    next_follow_up_on DATE
);
CREATE INDEX follow_up_owner ON follow_up (owner_id);

-- Complaints with their lifecycle dates; age and breach are computed at query time.
CREATE TABLE complaint (
    complaint_id   UUID          NOT NULL PRIMARY KEY,
    customer_id    UUID          NOT NULL,
    version        BIGINT        NOT NULL,
    owner_id       VARCHAR(64)   NOT NULL,
    category       VARCHAR(20)   NOT NULL,
    severity       VARCHAR(10)   NOT NULL,
    status         VARCHAR(12)   NOT NULL,
    description    VARCHAR(4000),
    channel        VARCHAR(50),
    assignee       VARCHAR(64),
    responsibility VARCHAR(12),
    resolution     VARCHAR(4000),
    satisfaction   INTEGER,
    filed_at       TIMESTAMPTZ   NOT NULL,
    opened_at      TIMESTAMPTZ   NOT NULL,
    resolved_at    TIMESTAMPTZ,
    closed_at      TIMESTAMPTZ
);
CREATE INDEX complaint_customer ON complaint (customer_id);
CREATE INDEX complaint_status ON complaint (status, severity);
CREATE INDEX complaint_by_owner ON complaint (owner_id);

-- Customer owners as the complaints projection knows them, so complaints can be listed by owner.
CREATE TABLE complaint_owner (
    customer_id UUID        NOT NULL PRIMARY KEY,
    owner_id    VARCHAR(64) NOT NULL
);

-- Customer owners as the activity projection knows them, so each activity counts for the owner of its time.
CREATE TABLE activity_owner (
    customer_id UUID        NOT NULL PRIMARY KEY,
    owner_id    VARCHAR(64) NOT NULL,
    grade       VARCHAR(1)  NOT NULL
);

-- What reps did: visits by method, complaints filed and resolved, grades up and down.
CREATE TABLE activity (
    customer_id UUID        NOT NULL,
    sequence    BIGINT      NOT NULL,
    occurred_at TIMESTAMPTZ NOT NULL,
    owner_id    VARCHAR(64) NOT NULL,
    kind        VARCHAR(24) NOT NULL,
    detail      VARCHAR(24),
    PRIMARY KEY (customer_id, sequence)
);
CREATE INDEX activity_time ON activity (occurred_at, owner_id);
