-- One row per institution in a plan's report: measures as lead and as partner, how many are overdue on the report
-- date, and whether the lead measures exceed $limit (the plan's own principle: an institution
-- leads only a few measures so that it can give them proper attention).
with measures as (
    select
        *,
        coalesce(deadline_date < report_date and status_group not in ('advanced', 'withdrawn'), false)
            as is_overdue
    from filtered_measures($snapshot_id, $plan_id, $commitment_no, $status_group, null)
),

roles as (
    select lead_institution as institution, 'lead' as role, is_overdue from measures
    union all
    select unnest(partner_institutions) as institution, 'partner' as role, is_overdue from measures
),

final as (
    select
        institution,
        count(*) filter (where role = 'lead') as n_lead,
        count(*) filter (where role = 'partner') as n_partner,
        count(*) as n_total,
        count(*) filter (where role = 'lead' and is_overdue) as n_overdue_lead,
        count(*) filter (where is_overdue) as n_overdue,
        $limit is not null and count(*) filter (where role = 'lead') > $limit as is_over_limit
    from roles
    where $institution is null or institution = $institution
    group by institution
)

select * from final
order by n_lead desc, n_total desc, institution
