-- Every collection round, newest first, with its state: open, closed (its merged report stored
-- unpublished: merged_snapshot_id), published (that report was published) or cancelled.
with last_event as (
    select round_id, event, snapshot_id
    from round_event
    qualify row_number() over (partition by round_id order by event_id desc) = 1
),

counts as (
    select
        r.round_id,
        count(distinct rr.institution) as n_institutions,
        count(distinct rr.measure_no) as n_measures
    from collection_round as r
    left join round_recipient as rr using (round_id)
    group by r.round_id
),

returned as (
    select round_id, count(distinct institution) filter (where n_problems = 0) as n_returned
    from round_return
    group by round_id
),

final as (
    select
        r.round_id,
        r.plan_id,
        r.as_of_date,
        r.due_date,
        r.include_partners,
        r.base_snapshot_id,
        s.report_date as base_report_date,
        r.started_at,
        r.started_by,
        case
            when e.event = 'cancelled' then 'cancelled'
            when e.event = 'closed' and exists (
                select 1 from publication as p where p.snapshot_id = e.snapshot_id and p.action = 'publish'
            ) then 'published'
            when e.event = 'closed' then 'closed'
            else 'open'
        end as state,
        case when e.event = 'closed' then e.snapshot_id end as merged_snapshot_id,
        c.n_institutions,
        c.n_measures,
        coalesce(rt.n_returned, 0) as n_returned
    from collection_round as r
    inner join snapshot as s on s.snapshot_id = r.base_snapshot_id
    left join last_event as e using (round_id)
    left join counts as c using (round_id)
    left join returned as rt using (round_id)
)

select * from final
order by started_at desc, round_id desc
