-- Measures per institution and role (lead / partner), by status group, for one plan's report.
-- The sidebar filters narrow it (null = all); $institution keeps that institution's rows only.
with measures as (
    select plan_id, lead_institution, partner_institutions, status_group
    from filtered_measures($snapshot_id, $plan_id, $commitment_no, $status_group, null)
),

roles as (
    select lead_institution as institution, 'lead' as role, status_group
    from measures
    union all
    select unnest(partner_institutions) as institution, 'partner' as role, status_group
    from measures
),

final as (
    select
        institution,
        role,
        status_group,
        count(*) as n_measures,
        cast(sum(count(*)) over (partition by institution) as integer) as n_measures_institution
    from roles
    where $institution is null or institution = $institution
    group by institution, role, status_group
)

select * from final
order by n_measures_institution desc, institution, role, status_group
