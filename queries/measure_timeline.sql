-- Measures from start to deadline for the Gantt chart; overdue against the snapshot's report date.
-- The sidebar filters (commitment, institution as lead or partner, status group) narrow it; null = all.
with measures as (
    select *
    from filtered_measures($snapshot_id, $plan_id, $commitment_no, $status_group, $institution)
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
