-- Each plan's published reports up to its current one, newest first: the sidebar's report picker
-- and what "the previous report" means everywhere. $plan_id null = every plan.
with reports as (
    select *
    from plan_report
    where $plan_id is null or plan_id = $plan_id
),

sizes as (
    select snapshot_id, plan_id, count(*) as n_measures
    from measure
    where snapshot_id in (select snapshot_id from reports)
    group by snapshot_id, plan_id
),

final as (
    select
        r.plan_id,
        r.snapshot_id,
        r.report_date,
        r.is_current,
        r.previous_snapshot_id,
        r.previous_report_date,
        s.n_measures
    from reports as r
    inner join sizes as s using (snapshot_id, plan_id)
)

select * from final
order by plan_id, report_date desc
