-- Values offered by the sidebar filters for a plan's report ($snapshot_id; null = every plan's
-- current report): plans, commitments, institutions.
with measures as (
    select plan_id, commitment_no, lead_institution, partner_institutions
    from report_measures($snapshot_id, null)
),

plans as (
    select distinct 'plan' as kind, plan_id, plan_id as value, 0 as sort_key
    from measures
),

commitments as (
    select distinct
        'commitment' as kind,
        plan_id,
        commitment_no as value,
        coalesce(try_cast(split_part(commitment_no, '.', 1) as integer), 9999) as sort_key
    from measures
),

institutions as (
    select distinct 'institution' as kind, plan_id, lead_institution as value, 0 as sort_key
    from measures
    union
    select distinct 'institution' as kind, plan_id, unnest(partner_institutions) as value, 0 as sort_key
    from measures
),

final as (
    select * from plans
    union all
    select * from commitments
    union all
    select * from institutions
)

select kind, plan_id, value from final
order by kind, plan_id, sort_key, value
