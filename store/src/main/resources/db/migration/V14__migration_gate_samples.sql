-- Issue 18, the console's charts: every gate evaluation of a migration, judged as its workflow judged it, so that a
-- migration's gates can be drawn over time (the workflow itself keeps only the last verdicts). Written by the
-- worker's measure activity once per (migration, window end, gate): a retried activity writes nothing more.

create table migration_gate_samples (
    migration_id   text             not null,
    window_end_ms  bigint           not null,
    gate           text             not null,
    new_value      double precision,
    new_samples    bigint           not null,
    old_value      double precision,
    old_samples    bigint           not null,
    limit_value    double precision not null,
    max_difference double precision not null,
    min_samples    integer          not null,
    verdict        text             not null,
    reason         text             not null,
    primary key (migration_id, window_end_ms, gate)
);
