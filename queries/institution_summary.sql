-- One row per institution in a plan's report: measures as lead and as partner, how many are overdue on the report
-- date, slipped or stalled (led by it; see attention.sql), how many it led gave no new information in the
-- collection round that made the report (carried forward), and whether the lead measures exceed $limit (the plan's own principle: an institution
-- leads only a few measures so that it can give them proper attention).
with measures as (
    select *
    from measure_attention($snapshot_id, $plan_id)
    where ($commitment_no is null or commitment_no = $commitment_no)
        and ($status_group is null or status_group = $status_group)
),

roles as (
    select lead_institution as institution, 'lead' as role, is_overdue, is_slipped, is_stalled,
        coalesce(carried_forward, false) as is_carried_forward
    from measures
    union all
    select unnest(partner_institutions) as institution, 'partner' as role, is_overdue, is_slipped, is_stalled,
        false as is_carried_forward
    from measures
),

final as (
    select
        institution,
        count(*) filter (where role = 'lead') as n_lead,
        count(*) filter (where role = 'partner') as n_partner,
        count(*) as n_total,
        count(*) filter (where role = 'lead' and is_overdue) as n_overdue_lead,
        count(*) filter (where is_overdue) as n_overdue,
        count(*) filter (where role = 'lead' and is_slipped) as n_slipped_lead,
        count(*) filter (where role = 'lead' and is_stalled) as n_stalled_lead,
        count(*) filter (where role = 'lead' and is_carried_forward) as n_carried_forward_lead,
        $limit is not null and count(*) filter (where role = 'lead') > $limit as is_over_limit
    from roles
    where $institution is null or institution = $institution
    group by institution
)

select * from final
order by n_lead desc, n_total desc, institution
