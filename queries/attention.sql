-- What needs the council's attention in a plan's report ($snapshot_id null: the current one), with the
-- sidebar filters: one row per measure and reason. The reasons, judged across the plan's reports up
-- to this one (macro measure_attention in ogp_monitor/store/schema.sql; rules in docs/views.md):
--   slipped         the deadline is later than in the plan's first report that had one
--   regressed       the status group went back since the previous report (advanced -> in progress,
--                   or anything -> not started)
--   stalled         the same status group and note in the last three reports or more, not advanced
--   overdue         the deadline is before the report date and the measure is not advanced
--   no_information  an empty progress note while not advanced
--   carried_forward nobody answered for it in the collection round that made the report: its status and
--                   note are the previous report's (not for a completed or withdrawn measure)
-- detail is a short language-neutral summary; the other columns give each reason's facts.
with measures as (
    select a.*
    from measure_attention($snapshot_id, $plan_id) as a
    where ($commitment_no is null or a.commitment_no = $commitment_no)
        and ($status_group is null or a.status_group = $status_group)
        and (
            $institution is null
            or a.lead_institution = $institution
            or list_contains(a.partner_institutions, $institution)
        )
),

reasons as (
    select *, 'slipped' as reason, 1 as reason_order,
        strftime(first_deadline_date, '%Y-%m-%d') || ' → ' || strftime(deadline_date, '%Y-%m-%d') as detail
    from measures where is_slipped
    union all
    select *, 'regressed', 2, previous_status_group || ' → ' || status_group
    from measures where is_regressed
    union all
    select *, 'stalled', 3, 'since ' || strftime(unchanged_since_date, '%Y-%m-%d') || ', '
        || n_reports_unchanged || ' reports'
    from measures where is_stalled
    union all
    select *, 'overdue', 4, strftime(deadline_date, '%Y-%m-%d') || ', '
        || date_diff('day', deadline_date, report_date) || ' days'
    from measures where is_overdue
    union all
    select *, 'no_information', 5, ''
    from measures where is_no_information
    union all
    select *, 'carried_forward', 6, coalesce(strftime(previous_report_date, '%Y-%m-%d'), '')
    from measures where is_carried_forward
),

final as (
    select
        plan_id,
        measure_no,
        measure_title,
        lead_institution,
        array_to_string(partner_institutions, '; ') as partner_institutions,
        status_group,
        status_label,
        reason,
        detail,
        deadline_date,
        first_deadline_date,
        n_reschedulings,
        previous_status_group,
        previous_report_date,
        unchanged_since_date,
        n_reports_unchanged,
        case when reason = 'overdue' then date_diff('day', deadline_date, report_date) end as days_overdue,
        report_date,
        reason_order
    from reasons
)

select * exclude (reason_order) from final
order by plan_id, reason_order,
    try_cast(split_part(measure_no, '.', 1) as integer), try_cast(split_part(measure_no, '.', 2) as integer),
    measure_no
