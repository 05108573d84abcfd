-- Measures from start to deadline for the Gantt chart; overdue against the report date. A measure
-- with no start date is drawn from its plan's first year (is_start_assumed); a slipped one also
-- carries the deadline it first had (first_deadline_date, across the plan's reports).
-- The sidebar filters (commitment, institution as lead or partner, status group) narrow it; null = all.
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

final as (
    select
        plan_id,
        commitment_no,
        measure_no,
        measure_title,
        lead_institution,
        status_group,
        start_date,
        coalesce(start_date, least(plan_start_date(plan_id), deadline_date)) as bar_start_date,
        start_date is null as is_start_assumed,
        deadline_date,
        first_deadline_date,
        is_slipped,
        n_reschedulings,
        report_date,
        is_overdue
    from measures
)

select * from final
order by plan_id,
    try_cast(split_part(measure_no, '.', 1) as integer), try_cast(split_part(measure_no, '.', 2) as integer),
    measure_no
