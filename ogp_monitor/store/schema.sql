-- The database: tables (appended to, never overwritten), the views and table macros that assemble
-- the current state part by part, and the shared derivations every query uses. Run on every
-- writable connect (idempotent: `if not exists`, `create or replace`).
create sequence if not exists snapshot_seq start 1;
create sequence if not exists publication_seq start 1;
create table if not exists snapshot (
    snapshot_id integer primary key,
    file_name varchar not null,
    sha256 varchar not null,
    report_date date not null,
    uploaded_at timestamp not null,
    uploaded_by varchar not null,
    n_measures integer not null,
    n_indicators integer not null,
    n_schedule integer not null
);
create table if not exists snapshot_file (
    snapshot_id integer primary key,
    content blob not null
);
create table if not exists publication (
    publication_id integer primary key,
    snapshot_id integer not null,
    action varchar not null,
    acted_at timestamp not null,
    acted_by varchar not null
);
create table if not exists measure (
    snapshot_id integer not null,
    plan_id varchar not null,
    commitment_no varchar not null,
    commitment_title varchar not null,
    measure_no varchar not null,
    measure_title varchar not null,
    lead_institution varchar not null,
    partner_institutions varchar[] not null,
    status_label varchar not null,
    status_group varchar not null,
    start_date date,
    deadline_date date,
    progress_note varchar not null,
    progress_pct double,
    source_row integer not null
);
-- Added later: the status as the analyst typed it (status_label is the council's one spelling),
-- and the measure's code in the OGP system (LV0040).
alter table measure add column if not exists status_as_written varchar;
alter table measure add column if not exists ogp_id varchar;
-- Added with collection rounds: nobody answered for this measure in the round that made the report, so
-- its status and note are the previous report's (shown as "no new information", never as fresh).
alter table measure add column if not exists carried_forward boolean;
create table if not exists indicator (
    snapshot_id integer not null,
    indicator varchar not null,
    indicator_en varchar not null,
    area varchar not null,
    year integer not null,
    value double not null,
    unit varchar not null,
    source varchar not null,
    source_row integer not null
);
create table if not exists schedule (
    snapshot_id integer not null,
    plan_id varchar not null,
    activity varchar not null,
    start_date date not null,
    end_date date,
    goal varchar not null,
    source_row integer not null
);
-- Collection rounds: the secretariat asks each responsible institution for the state of its measures
-- as of a date, collects the returned workbooks and merges them into one report (store/rounds.py).
-- Everything is appended: a round's start, every returned file (accepted or not), every close/reopen.
create sequence if not exists round_return_seq start 1;
create table if not exists collection_round (
    round_id varchar primary key,
    plan_id varchar not null,
    as_of_date date not null,
    due_date date,
    include_partners boolean not null,
    base_snapshot_id integer not null,  -- the plan's report the workbooks were filled from
    started_at timestamp not null,
    started_by varchar not null
);
create table if not exists round_recipient (
    round_id varchar not null,
    institution varchar not null,
    measure_no varchar not null,
    role varchar not null  -- 'lead' or 'partner'
);
create table if not exists round_return (
    return_id integer primary key,
    round_id varchar not null,
    institution varchar not null,
    file_name varchar not null,
    sha256 varchar not null,
    content blob not null,
    collected_at timestamp not null,
    collected_by varchar not null,
    n_problems integer not null,  -- errors; a return with errors is kept in the history, never merged
    problems varchar not null  -- the problems as JSON (place, code, Latvian and English text)
);
create table if not exists round_answer (
    return_id integer not null,
    measure_no varchar not null,
    role varchar not null,
    status_label varchar not null,
    status_group varchar not null,
    status_as_written varchar not null,
    deadline_date date,
    progress_pct double,
    progress_note varchar not null,
    is_answered boolean not null,  -- something new: a note, or (the lead) a changed status, % or deadline
    source_row integer not null
);
create sequence if not exists round_event_seq start 1;
create table if not exists round_event (
    event_id integer primary key,
    round_id varchar not null,
    event varchar not null,  -- 'closed' (snapshot_id: the merged report), 'reopened', 'cancelled'
    snapshot_id integer,
    acted_at timestamp not null,
    acted_by varchar not null
);

-- Which upload holds each part of the published state: the measures of a plan, the schedule of a
-- plan, the trust indicators. A publish appends one row per part its upload contains; a rollback
-- appends rows that give parts back to their earlier holders (snapshot_id null: the part had none).
create table if not exists publication_part (
    publication_id integer not null,
    part varchar not null,
    plan_id varchar not null,
    snapshot_id integer
);
-- Databases written before parts existed: each publication held every part of its upload.
insert into publication_part
    select p.publication_id, u.part, u.plan_id, p.snapshot_id
    from publication as p
    inner join (
        select distinct snapshot_id, 'measures' as part, plan_id from measure
        union all
        select distinct snapshot_id, 'schedule' as part, plan_id from schedule
        union all
        select distinct snapshot_id, 'indicators' as part, '' as plan_id from indicator
    ) as u using (snapshot_id)
    where p.publication_id not in (select publication_id from publication_part);

-- The parts an upload contains (what publishing it replaces).
create or replace macro snapshot_parts(p_snapshot_id) as table
    select distinct 'measures' as part, plan_id from measure where snapshot_id = p_snapshot_id
    union all
    select distinct 'schedule' as part, plan_id from schedule where snapshot_id = p_snapshot_id
    union all
    select distinct 'indicators' as part, '' as plan_id from indicator where snapshot_id = p_snapshot_id;

-- The current state, part by part: the latest publication of each part wins.
create or replace view current_part as
    select part, plan_id, snapshot_id, publication_id
    from publication_part
    qualify row_number() over (partition by part, plan_id order by publication_id desc) = 1
        and snapshot_id is not null;

-- A plan's published reports, one per report date, up to its current report: the film the
-- council follows. On a shared date the current upload wins, else the later one; a report dated
-- after the current one was rolled back and is not part of it.
create or replace view plan_report as
    with published as (
        select distinct pp.plan_id, pp.snapshot_id, s.report_date
        from publication_part as pp
        inner join snapshot as s using (snapshot_id)
        where pp.part = 'measures'
    ),

    current_report as (
        select c.plan_id, c.snapshot_id, s.report_date
        from current_part as c
        inner join snapshot as s using (snapshot_id)
        where c.part = 'measures'
    ),

    ranked as (
        select
            p.plan_id,
            p.snapshot_id,
            p.report_date,
            p.snapshot_id = c.snapshot_id as is_current,
            row_number() over (
                partition by p.plan_id, p.report_date
                order by p.snapshot_id = c.snapshot_id desc, p.snapshot_id desc
            ) as rank_on_date
        from published as p
        inner join current_report as c on c.plan_id = p.plan_id
        where p.report_date <= c.report_date
    )

    select
        plan_id,
        snapshot_id,
        report_date,
        is_current,
        lag(snapshot_id) over (partition by plan_id order by report_date) as previous_snapshot_id,
        lag(report_date) over (partition by plan_id order by report_date) as previous_report_date
    from ranked
    where rank_on_date = 1;

-- The measures of a plan's report: the given upload's, or (p_snapshot_id null) every plan's
-- current report, with each report's date (for "overdue on the report date").
create or replace macro report_measures(p_snapshot_id, p_plan_id) as table
    select m.*, s.report_date
    from measure as m
    inner join snapshot as s using (snapshot_id)
    where (
            (p_snapshot_id is null and (m.snapshot_id, m.plan_id) in (
                select (snapshot_id, plan_id) from current_part where part = 'measures'))
            or m.snapshot_id = p_snapshot_id
        )
        and (p_plan_id is null or m.plan_id = p_plan_id);

-- The sidebar filters in one place, on top of report_measures; each filter null = all.
create or replace macro filtered_measures(p_snapshot_id, p_plan_id, p_commitment_no, p_status_group,
                                          p_institution) as table
    select *
    from report_measures(p_snapshot_id, p_plan_id)
    where (p_commitment_no is null or commitment_no = p_commitment_no)
        and (p_status_group is null or status_group = p_status_group)
        and (
            p_institution is null
            or lead_institution = p_institution
            or list_contains(partner_institutions, p_institution)
        );

-- The current trust indicators: the latest published upload that had any (or the given upload's).
create or replace macro report_indicators(p_snapshot_id) as table
    select *
    from indicator
    where snapshot_id = coalesce(p_snapshot_id, (select snapshot_id from current_part where part = 'indicators'));

-- The OGP's own words for how far a measure got (the plan's self-assessment and the IRM):
-- Not started / Limited / Substantial / Complete, from the status group and the council's label.
create or replace macro ogp_level(p_status_group, p_status_label) as
    case
        when p_status_group = 'not_started' then 'Not started'
        when p_status_group = 'in_progress' then 'Limited'
        when p_status_group = 'advanced' and lower(p_status_label) in ('pabeigts', 'completed', 'complete')
            then 'Complete'
        when p_status_group = 'advanced' then 'Substantial'
        when p_status_group = 'withdrawn' then 'Withdrawn'
    end;

-- The plan's first year (from its name, "5. plāns 2022–2025" -> 2022): where a measure with no start
-- date is drawn from.
create or replace macro plan_start_date(p_plan_id) as
    make_date(try_cast(nullif(regexp_extract(p_plan_id, '((19|20)\d\d)', 1), '') as integer), 1, 1);

-- Each measure of a plan's report (p_snapshot_id null: each plan's current report) seen across that
-- plan's reports up to it: the deadline it first had, how often it moved later, the status in the
-- report before, and for how many reports in a row its status and note have stayed the same.
-- attention.sql turns these into reasons; institution_summary.sql counts them.
create or replace macro measure_attention(p_snapshot_id, p_plan_id) as table
    with target as (
        select distinct plan_id, snapshot_id, report_date
        from report_measures(p_snapshot_id, p_plan_id)
    ),

    history as (
        select t.plan_id, t.snapshot_id, t.report_date, 1 as age
        from target as t
        union all
        select
            r.plan_id,
            r.snapshot_id,
            r.report_date,
            1 + row_number() over (partition by r.plan_id order by r.report_date desc) as age
        from plan_report as r
        inner join target as t on t.plan_id = r.plan_id and r.report_date < t.report_date
    ),

    now_rows as (
        select m.*, t.report_date
        from measure as m
        inner join target as t on t.snapshot_id = m.snapshot_id and t.plan_id = m.plan_id
    ),

    series as (
        select
            n.plan_id,
            n.measure_no,
            h.age,
            h.report_date,
            o.measure_no is not null as is_present,
            o.status_group,
            o.progress_note,
            o.deadline_date,
            o.status_group is not distinct from n.status_group
                and o.progress_note is not distinct from n.progress_note as is_same
        from now_rows as n
        inner join history as h on h.plan_id = n.plan_id
        left join measure as o
            on o.snapshot_id = h.snapshot_id and o.plan_id = n.plan_id and o.measure_no = n.measure_no
    ),

    moves as (
        select
            *,
            lag(deadline_date) over (partition by plan_id, measure_no order by age desc) as deadline_before
        from series
    ),

    summary as (
        select
            plan_id,
            measure_no,
            arg_max(deadline_date, age) filter (where deadline_date is not null) as first_deadline_date,
            count(*) filter (where deadline_before is not null and deadline_date > deadline_before)
                as n_reschedulings,
            any_value(status_group) filter (where age = 2) as previous_status_group,
            any_value(report_date) filter (where age = 2) as previous_report_date,
            coalesce(min(age) filter (where not is_present or not is_same), max(age) + 1) - 1 as n_reports_unchanged,
            count(*) as n_reports
        from moves
        group by plan_id, measure_no
    ),

    since as (
        select s.plan_id, s.measure_no, h.report_date as unchanged_since_date
        from summary as s
        inner join history as h on h.plan_id = s.plan_id and h.age = s.n_reports_unchanged
    )

    select
        n.*,
        s.first_deadline_date,
        s.n_reschedulings,
        s.previous_status_group,
        s.previous_report_date,
        s.n_reports_unchanged,
        s.n_reports,
        si.unchanged_since_date,
        coalesce(n.deadline_date > s.first_deadline_date, false) as is_slipped,
        coalesce(
            (s.previous_status_group = 'advanced' and n.status_group = 'in_progress')
            or (n.status_group = 'not_started' and s.previous_status_group <> 'not_started'),
            false) as is_regressed,
        s.n_reports_unchanged >= 3 and n.status_group in ('not_started', 'in_progress') as is_stalled,
        coalesce(n.deadline_date < n.report_date and n.status_group in ('not_started', 'in_progress'), false)
            as is_overdue,
        n.progress_note = '' and n.status_group in ('not_started', 'in_progress')
            and not coalesce(n.carried_forward, false) as is_no_information,
        -- a collection round got no answer for it: last report's values, not news (a completed or
        -- withdrawn measure needs none)
        coalesce(n.carried_forward, false)
            and coalesce(ogp_level(n.status_group, n.status_label) not in ('Complete', 'Withdrawn'), true)
            as is_carried_forward
    from now_rows as n
    inner join summary as s using (plan_id, measure_no)
    left join since as si using (plan_id, measure_no);
