-- The current schedule milestones of every plan (e.g. the next plan's drafting steps), or one plan's.
-- Each plan's schedule comes from the latest published upload that had one for it.
with current_schedule as (
    select s.*
    from schedule as s
    inner join current_part as c
        on c.part = 'schedule' and c.snapshot_id = s.snapshot_id and c.plan_id = s.plan_id
),

final as (
    select plan_id, activity, start_date, end_date, goal
    from current_schedule
    where $plan_id is null or plan_id = $plan_id
)

select * from final
order by plan_id, start_date, end_date, activity
