-- Measures from start to deadline for the Gantt chart; overdue against the snapshot's report date.
-- The sidebar filters (commitment, institution as lead or partner, status group) narrow it; null = all.
with target as (
    select snapshot_id, report_date
    from snapshot
    where snapshot_id = $snapshot_id
),

measures as (
    select m.*, t.report_date
    from measure as m
    inner join target as t using (snapshot_id)
    where ($plan_id is null or m.plan_id = $plan_id)
        and ($commitment_no is null or m.commitment_no = $commitment_no)
        and ($status_group is null or m.status_group = $status_group)
        and (
            $institution is null
            or m.lead_institution = $institution
            or list_contains(m.partner_institutions, $institution)
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
        deadline_date,
        report_date,
        coalesce(deadline_date < report_date and status_group in ('not_started', 'in_progress'), false)
            as is_overdue
    from measures
)

select * from final
order by plan_id,
    try_cast(split_part(measure_no, '.', 1) as integer), try_cast(split_part(measure_no, '.', 2) as integer),
    measure_no
