-- Measures past their deadline on the report date and not yet completed or substantially advanced.
-- "Overdue" is judged against the snapshot's report date, so an old report reads as it did then.
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
        status_label,
        deadline_date,
        report_date,
        date_diff('day', deadline_date, report_date) as days_overdue
    from measures
    where deadline_date < report_date
        and status_group in ('not_started', 'in_progress')
)

select * from final
order by plan_id, lead_institution,
    try_cast(split_part(measure_no, '.', 1) as integer), try_cast(split_part(measure_no, '.', 2) as integer),
    measure_no
