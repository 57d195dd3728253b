-- Every operator action on dead letters (retry, discard), who, when, what and why.
CREATE TABLE operator_actions (
    id         bigserial    PRIMARY KEY,
    at         timestamptz  NOT NULL,
    actor      varchar(100) NOT NULL,
    action     varchar(30)  NOT NULL,
    queue      varchar(100) NOT NULL,
    message_id varchar(100) NOT NULL,
    event_id   varchar(100),
    event_type varchar(100),
    reason     varchar(1000)
);
CREATE INDEX operator_actions_at_idx ON operator_actions (at);
