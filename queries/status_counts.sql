-- Measures per status group for one plan of one snapshot, with the share of the filtered measures.
-- The sidebar filters (commitment, institution as lead or partner, status group) narrow it; null = all.
with measures as (
    select plan_id, status_group
    from filtered_measures($snapshot_id, $plan_id, $commitment_no, $status_group, $institution)
),

groups as (
    select * from (values
        (1, 'advanced'), (2, 'in_progress'), (3, 'not_started'), (4, 'withdrawn')
    ) as g (sort_order, status_group)
),

counts as (
    select status_group, count(*) as n_measures
    from measures
    group by status_group
),

final as (
    select
        g.status_group,
        coalesce(c.n_measures, 0) as n_measures,
        round(100.0 * coalesce(c.n_measures, 0) / nullif((select count(*) from measures), 0), 1)
            as share_pct,
        g.sort_order
    from groups as g
    left join counts as c using (status_group)
    where g.status_group <> 'withdrawn' or coalesce(c.n_measures, 0) > 0
)

select * from final
order by sort_order
