-- One measure across its plan's published reports (plan_report: one per report date, the later
-- upload winning on a shared date), in date order: its status, deadline, progress and note in each.
-- is_rescheduled marks a report whose deadline is later than the report before it; carried_forward a
-- report whose status and note were carried forward because nobody answered in its collection round.
with reports as (
    select snapshot_id, report_date
    from plan_report
    where plan_id = $plan_id
),

rows as (
    select r.report_date, m.*
    from reports as r
    inner join measure as m
        on m.snapshot_id = r.snapshot_id and m.plan_id = $plan_id and m.measure_no = $measure_no
),

final as (
    select
        report_date,
        snapshot_id,
        commitment_no,
        commitment_title,
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
        coalesce(
            deadline_date > lag(deadline_date) over (order by report_date), false
        ) as is_rescheduled,
        progress_pct,
        progress_note,
        nullif(ogp_id, '') as ogp_id
    from rows
)

select * from final
order by report_date
