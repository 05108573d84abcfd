-- The measures of the open data package: each plan's current report (default), or one plan's report
-- ($snapshot_id, $plan_id). Only published, public columns: no analyst, no file, no typed spelling
-- of the status; the package's Table Schema (reports/open_data_schema.py) describes each column.
with measures as (
    select *
    from report_measures($snapshot_id, $plan_id)
),

final as (
    select
        report_date,
        plan_id,
        commitment_no,
        commitment_title,
        measure_no,
        measure_title,
        lead_institution,
        array_to_string(partner_institutions, '; ') as partner_institutions,
        status_group,
        status_label,
        ogp_level(status_group, status_label) as ogp_level,
        start_date,
        deadline_date,
        progress_pct,
        progress_note,
        coalesce(carried_forward, false) as carried_forward,
        coalesce(ogp_id, '') as ogp_id
    from measures
)

select * from final
order by plan_id, try_cast(split_part(commitment_no, '.', 1) as integer), commitment_no,
    try_cast(split_part(measure_no, '.', 1) as integer), try_cast(split_part(measure_no, '.', 2) as integer),
    measure_no
