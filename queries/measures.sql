-- The measures of one snapshot (default: current), filtered; "all" is null.
with measures as (
    select *
    from measure
    where snapshot_id = $snapshot_id
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
        start_date,
        deadline_date,
        progress_pct,
        progress_note
    from measures
    where ($plan_id is null or plan_id = $plan_id)
        and ($commitment_no is null or commitment_no = $commitment_no)
        and ($status_group is null or status_group = $status_group)
        and (
            $institution is null
            or lead_institution = $institution
            or list_contains(partner_institutions, $institution)
        )
)

select * from final
order by plan_id, try_cast(split_part(commitment_no, '.', 1) as integer), commitment_no,
    try_cast(split_part(measure_no, '.', 1) as integer), try_cast(split_part(measure_no, '.', 2) as integer),
    measure_no
