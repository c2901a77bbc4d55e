-- Current profile of every customer; version = number of its events applied.
CREATE TABLE profile (
    customer_id       UUID         NOT NULL PRIMARY KEY,
    version           BIGINT       NOT NULL,
    kind              VARCHAR(20)  NOT NULL,
    nature            VARCHAR(20)  NOT NULL,
    tier              VARCHAR(20)  NOT NULL,
    source            VARCHAR(20)  NOT NULL,
    grade             VARCHAR(1)   NOT NULL,
    owner_id          VARCHAR(64)  NOT NULL,
    status            VARCHAR(10)  NOT NULL,
    name              VARCHAR(200),
    city              VARCHAR(100),
    card              JSONB        NOT NULL,
    last_contact_at   TIMESTAMPTZ,
    next_follow_up_on DATE,
    visit_count       INTEGER      NOT NULL DEFAULT 0,
    open_complaints   INTEGER      NOT NULL DEFAULT 0,
    registered_at     TIMESTAMPTZ  NOT NULL,
    updated_at        TIMESTAMPTZ  NOT NULL
);
CREATE INDEX profile_grade ON profile (grade);
CREATE INDEX profile_owner ON profile (owner_id);
