-- One row per institution: measures as lead and as partner, how many are overdue on the report
-- date, and whether the lead measures exceed $limit (the plan's own principle: an institution
-- leads only a few measures so that it can give them proper attention).
with report as (
    select report_date from snapshot where snapshot_id = $snapshot_id
),

measures as (
    select
        *,
        coalesce(deadline_date < (select report_date from report)
            and status_group not in ('advanced', 'withdrawn'), false) as is_overdue
    from measure
    where snapshot_id = $snapshot_id
        and ($plan_id is null or plan_id = $plan_id)
        and ($commitment_no is null or commitment_no = $commitment_no)
        and ($status_group is null or status_group = $status_group)
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
