-- Measures per commitment and status group, with each commitment's share advanced
-- (completed or substantial progress) among its measures that are not withdrawn.
with measures as (
    select *
    from filtered_measures($snapshot_id, $plan_id, $commitment_no, $status_group, $institution)
),

per_commitment as (
    select
        plan_id,
        commitment_no,
        any_value(commitment_title) as commitment_title,
        count(*) as n_commitment_measures,
        round(100.0 * count(*) filter (where status_group = 'advanced')
            / nullif(count(*) filter (where status_group <> 'withdrawn'), 0), 1) as share_advanced_pct
    from measures
    group by plan_id, commitment_no
),

per_status as (
    select plan_id, commitment_no, status_group, count(*) as n_measures
    from measures
    group by plan_id, commitment_no, status_group
),

final as (
    select
        c.plan_id,
        c.commitment_no,
        c.commitment_title,
        s.status_group,
        s.n_measures,
        c.n_commitment_measures,
        coalesce(c.share_advanced_pct, 0) as share_advanced_pct
    from per_commitment as c
    inner join per_status as s using (plan_id, commitment_no)
)

select * from final
order by plan_id, coalesce(try_cast(split_part(commitment_no, '.', 1) as integer), 9999), commitment_no,
    case status_group when 'advanced' then 1 when 'in_progress' then 2 when 'not_started' then 3 else 4 end
