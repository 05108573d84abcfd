-- The schedule milestones of one snapshot (e.g. the next plan's drafting steps), optionally one plan's.
with final as (
    select plan_id, activity, start_date, end_date, goal
    from schedule
    where snapshot_id = $snapshot_id
        and ($plan_id is null or plan_id = $plan_id)
)

select * from final
order by plan_id, start_date, end_date, activity
