-- The plans with a published report, one row each: their current report and how many reports they
-- have. is_default marks the plan the dashboard opens on: the one with the latest current report
-- (the running plan; on a tie, the first by name).
with reports as (
    select plan_id, count(*) as n_reports
    from plan_report
    group by plan_id
),

current_report as (
    select plan_id, snapshot_id, report_date
    from plan_report
    where is_current
),

final as (
    select
        c.plan_id,
        c.snapshot_id,
        c.report_date,
        r.n_reports,
        row_number() over (order by c.report_date desc, c.plan_id) = 1 as is_default
    from current_report as c
    inner join reports as r using (plan_id)
)

select * from final
order by plan_id
