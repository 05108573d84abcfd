-- The measures of a plan's report (default: each plan's current report), filtered; "all" is null.
-- status_label is the council's one spelling of the status; status_as_written the text as typed.
with measures as (
    select *
    from filtered_measures($snapshot_id, $plan_id, $commitment_no, $status_group, $institution)
),

final as (
    select
        plan_id,
        commitment_no,
        commitment_title,
        measure_no,
        measure_title,
        lead_institution,
        array_to_string(partner_institutions, '; ') as partner_institutions,
        status_group,
        status_label,
        coalesce(status_as_written, status_label) as status_as_written,
        coalesce(carried_forward, false) as carried_forward,
        ogp_level(status_group, status_label) as ogp_level,
        start_date,
        deadline_date,
        progress_pct,
        progress_note,
        nullif(ogp_id, '') as ogp_id
    from measures
)

select * from final
order by plan_id, try_cast(split_part(commitment_no, '.', 1) as integer), commitment_no,
    try_cast(split_part(measure_no, '.', 1) as integer), try_cast(split_part(measure_no, '.', 2) as integer),
    measure_no
