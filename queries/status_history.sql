-- Status distribution of a plan across its published reports (plan_report: one per report date,
-- up to the current one). The sidebar filters apply; $plan_id null = every plan.
with reports as (
    select plan_id, snapshot_id, report_date
    from plan_report
    where $plan_id is null or plan_id = $plan_id
),

measures as (
    select r.report_date, m.snapshot_id, m.status_group
    from measure as m
    inner join reports as r on r.snapshot_id = m.snapshot_id and r.plan_id = m.plan_id
    where ($commitment_no is null or m.commitment_no = $commitment_no)
        and ($status_group is null or m.status_group = $status_group)
        and (
            $institution is null
            or m.lead_institution = $institution
            or list_contains(m.partner_institutions, $institution)
        )
),

final as (
    select report_date, snapshot_id, status_group, count(*) as n_measures
    from measures
    group by report_date, snapshot_id, status_group
)

select * from final
order by report_date,
    case status_group when 'advanced' then 1 when 'in_progress' then 2 when 'not_started' then 3 else 4 end
